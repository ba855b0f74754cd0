package dev.keyward.approvals.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Adds business days (Monday to Friday) to an instant, keeping the time of day; public holidays are not known. */
public final class BusinessDays {

    private BusinessDays() {
    }

    public static Instant add(Instant start, int days, ZoneId zone) {
        ZonedDateTime at = start.atZone(zone);
        int added = 0;
        while (added < days) {
            at = at.plusDays(1);
            if (!isWeekend(at.getDayOfWeek())) {
                added++;
            }
        }
        return at.toInstant();
    }

    private static boolean isWeekend(DayOfWeek day) {
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }
}
