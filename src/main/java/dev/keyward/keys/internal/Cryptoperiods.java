package dev.keyward.keys.internal;

import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.Sensitivity;
import java.time.Duration;

/**
 * Cryptoperiods after NIST SP 800-57 Part 1, table 1: symmetric data-encryption and key-wrapping keys may
 * originate 2 years and be used to decrypt 3 years beyond; signing keys 1 to 3 years (Keyward: 2). More sensitive
 * keys get stricter originator periods: HIGH 1 year, CRITICAL 6 months.
 */
final class Cryptoperiods {

    record Period(Duration originator, Duration recipient) {
    }

    private static final Duration YEAR = Duration.ofDays(365);

    private Cryptoperiods() {
    }

    static Period of(KeyPurpose purpose, Sensitivity sensitivity) {
        Duration originator = switch (sensitivity) {
            case LOW, MEDIUM -> YEAR.multipliedBy(2);
            case HIGH -> YEAR;
            case CRITICAL -> Duration.ofDays(182);
        };
        Duration recipient = switch (purpose) {
            case ENCRYPT, WRAP -> originator.plus(YEAR.multipliedBy(3));
            case SIGN -> originator.plus(YEAR.multipliedBy(3));
            case MAC -> originator;
        };
        return new Period(originator, recipient);
    }
}
