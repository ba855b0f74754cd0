package dev.keyward.keys.internal;

import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.Sensitivity;

/** The key as every approver of a change to it signs it (part of the subject's facts). */
record KeyFacts(long id, String alias, String algorithm, KeyPurpose purpose, Sensitivity sensitivity, String owner) {

    static KeyFacts of(ManagedKeyEntity key) {
        return new KeyFacts(key.id(), key.alias(), key.algorithm().name(), key.purpose(), key.sensitivity(), key.owner());
    }
}
