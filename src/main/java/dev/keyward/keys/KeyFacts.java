package dev.keyward.keys;

/**
 * The key as approvers of anything about it sign it (part of a subject's facts). Absent parts ({@code algorithm} where
 * a subject does not show it, {@code state} where the change does not depend on it) are left out of the signed JSON.
 */
public record KeyFacts(long id, String alias, String algorithm, KeyPurpose purpose, Sensitivity sensitivity, String owner,
                       String state) {

    /** What an access request's approvers sign of the key it is for. */
    public static KeyFacts of(KeyReference key) {
        return new KeyFacts(key.id(), key.alias(), null, key.purpose(), key.sensitivity(), key.owner(), null);
    }

    public KeyFacts withState(KeyState now) {
        return new KeyFacts(id, alias, algorithm, purpose, sensitivity, owner, now.name());
    }
}
