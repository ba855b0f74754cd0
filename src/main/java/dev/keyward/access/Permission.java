package dev.keyward.access;

import dev.keyward.keys.KeyPurpose;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** What a grant allows on a key. Which ones make sense depends on the key's purpose. */
public enum Permission {
    USE_ENCRYPT, USE_DECRYPT, USE_SIGN, USE_VERIFY, MANAGE;

    /** How people read it in the UI (the API keeps the code). */
    public String label() {
        return switch (this) {
            case USE_ENCRYPT -> "Encrypt";
            case USE_DECRYPT -> "Decrypt";
            case USE_SIGN -> "Sign";
            case USE_VERIFY -> "Verify";
            case MANAGE -> "Manage";
        };
    }

    /** How the database keeps a set of permissions: codes, sorted, comma-separated. */
    public static String codes(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    /** The set {@link #codes} wrote. */
    public static Set<Permission> fromCodes(String codes) {
        Set<Permission> set = EnumSet.noneOf(Permission.class);
        Arrays.stream(codes.split(",")).filter(s -> !s.isBlank()).map(Permission::valueOf).forEach(set::add);
        return set;
    }

    /** The permissions a key of {@code purpose} can grant. */
    public static Set<Permission> meaningfulFor(KeyPurpose purpose) {
        return switch (purpose) {
            case ENCRYPT, WRAP -> EnumSet.of(USE_ENCRYPT, USE_DECRYPT, MANAGE);
            case SIGN, MAC -> EnumSet.of(USE_SIGN, USE_VERIFY, MANAGE);
        };
    }
}
