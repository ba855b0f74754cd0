package dev.keyward.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.approvals.internal.ApprovalProperties;
import dev.keyward.approvals.internal.BusinessCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Approval deadlines count the organisation's working days: weekends and its public holidays do not count. */
class BusinessCalendarTest {

    static final Instant FRIDAY_4PM_UTC = Instant.parse("2026-12-18T16:00:00Z");

    @Test
    void weekendsAreSkippedAndTheTimeOfDayKept() {
        var calendar = new BusinessCalendar(ZoneOffset.UTC, Set.of());
        assertThat(calendar.add(FRIDAY_4PM_UTC, 1)).isEqualTo("2026-12-21T16:00:00Z");
        assertThat(calendar.add(FRIDAY_4PM_UTC, 2)).isEqualTo("2026-12-22T16:00:00Z");
        assertThat(calendar.add(FRIDAY_4PM_UTC, 5)).isEqualTo("2026-12-25T16:00:00Z");
    }

    @Test
    void publicHolidaysAreSkippedLikeWeekends() {
        var calendar = new BusinessCalendar(ZoneOffset.UTC, Set.of(LocalDate.parse("2026-12-24"),
                LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-26")));
        assertThat(calendar.add(FRIDAY_4PM_UTC, 2)).isEqualTo("2026-12-22T16:00:00Z");
        assertThat(calendar.add(FRIDAY_4PM_UTC, 5)).as("24 and 25 are holidays, 26 a Saturday anyway")
                .isEqualTo("2026-12-29T16:00:00Z");
        assertThat(calendar.isBusinessDay(LocalDate.parse("2026-12-23"))).isTrue();
        assertThat(calendar.isBusinessDay(LocalDate.parse("2026-12-24"))).isFalse();
    }

    @Test
    void daysAreCountedInTheOrganisationsTimeZone() {
        Instant fridayLateUtc = Instant.parse("2026-12-18T23:30:00Z"); // already Saturday 00:30 in Berlin
        assertThat(new BusinessCalendar(ZoneOffset.UTC, Set.of()).add(fridayLateUtc, 1)).isEqualTo("2026-12-21T23:30:00Z");
        assertThat(new BusinessCalendar(ZoneId.of("Europe/Berlin"), Set.of()).add(fridayLateUtc, 1))
                .as("Monday 00:30 in Berlin").isEqualTo("2026-12-20T23:30:00Z");
    }

    @Test
    void holidaysAndTheTimeZoneComeFromTheSettings() {
        var settings = new MapConfigurationPropertySource(Map.of("keyward.approvals.time-zone", "Europe/Berlin",
                "keyward.approvals.holidays[0]", "2026-12-24", "keyward.approvals.holidays[1]", "2026-12-25"));
        var calendar = BusinessCalendar.of(new Binder(settings).bind("keyward.approvals", ApprovalProperties.class).get());
        assertThat(calendar.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(calendar.holidays()).containsExactlyInAnyOrder(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-25"));

        var defaults = BusinessCalendar.of(new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("keyward.approvals", ApprovalProperties.class));
        assertThat(defaults.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(defaults.holidays()).isEmpty();
    }
}
