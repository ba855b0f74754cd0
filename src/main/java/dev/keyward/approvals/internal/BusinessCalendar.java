package dev.keyward.approvals.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * The organisation's working days: Monday to Friday in its time zone, except its public holidays. Adding business
 * days keeps the local time of day, so a request opened on Friday at 16:00 is reminded on Tuesday at 16:00.
 */
public record BusinessCalendar(ZoneId zone, Set<LocalDate> holidays) {

    public BusinessCalendar {
        holidays = Set.copyOf(holidays);
    }

    public static BusinessCalendar of(ApprovalProperties properties) {
        return new BusinessCalendar(properties.timeZone(), Set.copyOf(properties.holidays()));
    }

    public Instant add(Instant start, int days) {
        ZonedDateTime at = start.atZone(zone);
        int added = 0;
        while (added < days) {
            at = at.plusDays(1);
            if (isBusinessDay(at.toLocalDate())) {
                added++;
            }
        }
        return at.toInstant();
    }

    public boolean isBusinessDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !holidays.contains(day);
    }
}
