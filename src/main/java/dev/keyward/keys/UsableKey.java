package dev.keyward.keys;

import dev.keyward.hsm.KeyAlgorithm;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * What the crypto API needs to use a key: its algorithm, purpose, sensitivity, state and the HSM label of each
 * version. The highest version is the current one (new ciphertexts, signatures and MACs); older versions only
 * decrypt and verify what they made, unless they were compromised or retired ({@code refusedVersions}, with why), each
 * within its cryptoperiod. Never material, never check values.
 */
public record UsableKey(String alias, KeyAlgorithm algorithm, KeyPurpose purpose, Sensitivity sensitivity,
                        KeyState state, int currentVersion, Map<Integer, String> hsmLabels,
                        Map<Integer, String> refusedVersions, Map<Integer, Cryptoperiod> cryptoperiods) {

    public UsableKey {
        hsmLabels = Map.copyOf(hsmLabels);
        refusedVersions = Map.copyOf(refusedVersions);
        cryptoperiods = Map.copyOf(cryptoperiods);
    }

    /** Until when a version may make new ciphertexts, signatures and MACs, and until when it may open and check them. */
    public record Cryptoperiod(Instant originatorUsageEnd, Instant recipientUsageEnd) {
    }

    /**
     * Why {@code version} may not be used at {@code now} to make something new ({@code making}) or to open and check
     * what it made: its cryptoperiod (NIST SP 800-57 originator or recipient usage period) is over.
     */
    public Optional<String> periodRefusal(int version, boolean making, Instant now) {
        Cryptoperiod period = cryptoperiods.get(version);
        if (period == null) {
            return Optional.empty();
        }
        if (making && !now.isBefore(period.originatorUsageEnd())) {
            return Optional.of("version " + version + " reached the end of its cryptoperiod on "
                    + period.originatorUsageEnd().atZone(ZoneOffset.UTC).toLocalDate() + " and protects no new data; "
                    + "its owner rotates the key to a new version");
        }
        if (!making && !now.isBefore(period.recipientUsageEnd())) {
            return Optional.of("version " + version + " ended its recipient-usage period on "
                    + period.recipientUsageEnd().atZone(ZoneOffset.UTC).toLocalDate() + " and opens or checks nothing any more");
        }
        return Optional.empty();
    }

    /** Why {@code version} may not be used at all (it was compromised), if so. */
    public Optional<String> refusal(int version) {
        return Optional.ofNullable(refusedVersions.get(version));
    }

    public String currentLabel() {
        return hsmLabels.get(currentVersion);
    }

    public Optional<String> label(int version) {
        return Optional.ofNullable(hsmLabels.get(version));
    }
}
