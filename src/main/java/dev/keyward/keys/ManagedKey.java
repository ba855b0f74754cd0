package dev.keyward.keys;

import dev.keyward.hsm.KeyAlgorithm;
import java.time.Instant;
import java.util.List;

/**
 * A managed key as the API shows it. {@code versions} and {@code history} are empty (and {@code restricted}
 * true) for callers who see only the catalogue.
 */
public record ManagedKey(String alias, KeyAlgorithm algorithm, KeyPurpose purpose, Sensitivity sensitivity,
                         String owner, String backend, String description, KeyState state, int maxGrantDays,
                         Instant createdAt, Instant destroyNotBefore, boolean restricted, List<Version> versions,
                         List<StateChange> history) {

    /** One version: its HSM label, key check value and cryptoperiod. */
    public record Version(int number, String hsmLabel, String kcv, Instant createdAt, Instant activatedAt,
                          Instant deactivatedAt, Instant compromisedAt, Instant retiredAt,
                          Instant originatorUsageEnd, Instant recipientUsageEnd) {

        /** Whether nothing may be done with it any more: compromised or retired. */
        public boolean withdrawn() {
            return compromisedAt != null || retiredAt != null;
        }
    }

    /** Who moved the key from one state to another, when and why. */
    public record StateChange(KeyState from, KeyState to, Instant at, String by, String reason) {
    }
}
