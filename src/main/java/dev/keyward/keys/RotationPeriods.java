package dev.keyward.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How often keys are rotated: by default every 12 months (LOW, MEDIUM), 9 months (HIGH) or 6 months (CRITICAL); a
 * key may be given its own period between 30 days and its originator cryptoperiod (NIST SP 800-57 Part 1: 2 years,
 * HIGH 1 year, CRITICAL 6 months). The owner hears 30, 7 and 1 days ahead; on the date a rotation opens by itself.
 */
public final class RotationPeriods {

    public static final int MIN_DAYS = 30;
    /** Days before the rotation date at which the owner is told, earliest first. */
    public static final List<Integer> NOTICE_DAYS = List.of(30, 7, 1);

    private RotationPeriods() {
    }

    public static int defaultDays(Sensitivity sensitivity) {
        return switch (sensitivity) {
            case LOW, MEDIUM -> 365;
            case HIGH -> 270;
            case CRITICAL -> 182;
        };
    }

    public static int maxDays(Sensitivity sensitivity) {
        return switch (sensitivity) {
            case LOW, MEDIUM -> 730;
            case HIGH -> 365;
            case CRITICAL -> 182;
        };
    }

    /** When a version in use since {@code since} is due, with {@code days} between rotations. */
    public static Instant dueAt(Instant since, int days) {
        return since.plus(Duration.ofDays(days));
    }

    /** A key's rotation schedule: the period in force, the current version and when it is due. */
    public record Schedule(String key, int periodDays, boolean defaultPeriod, int version, Instant since, Instant dueAt) {

        public boolean overdue(Instant now) {
            return !now.isBefore(dueAt);
        }
    }
}
