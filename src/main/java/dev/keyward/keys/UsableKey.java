package dev.keyward.keys;

import dev.keyward.hsm.KeyAlgorithm;
import java.util.Map;
import java.util.Optional;

/**
 * What the crypto API needs to use a key: its algorithm, purpose, sensitivity, state and the HSM label of each
 * version. The highest version is the current one (new ciphertexts, signatures and MACs); older versions only
 * decrypt and verify what they made, unless they were compromised ({@code refusedVersions}, with why). Never
 * material, never check values.
 */
public record UsableKey(String alias, KeyAlgorithm algorithm, KeyPurpose purpose, Sensitivity sensitivity,
                        KeyState state, int currentVersion, Map<Integer, String> hsmLabels,
                        Map<Integer, String> refusedVersions) {

    public UsableKey {
        hsmLabels = Map.copyOf(hsmLabels);
        refusedVersions = Map.copyOf(refusedVersions);
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
