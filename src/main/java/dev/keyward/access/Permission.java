package dev.keyward.access;

import dev.keyward.keys.KeyPurpose;
import java.util.EnumSet;
import java.util.Set;

/** What a grant allows on a key. Which ones make sense depends on the key's purpose. */
public enum Permission {
    USE_ENCRYPT, USE_DECRYPT, USE_SIGN, USE_VERIFY, MANAGE;

    /** The permissions a key of {@code purpose} can grant. */
    public static Set<Permission> meaningfulFor(KeyPurpose purpose) {
        return switch (purpose) {
            case ENCRYPT, WRAP -> EnumSet.of(USE_ENCRYPT, USE_DECRYPT, MANAGE);
            case SIGN, MAC -> EnumSet.of(USE_SIGN, USE_VERIFY, MANAGE);
        };
    }
}
