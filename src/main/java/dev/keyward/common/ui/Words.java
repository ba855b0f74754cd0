package dev.keyward.common.ui;

import java.util.Locale;

/** A code as a person reads it: {@code DESTROY_SCHEDULED} becomes "Destroy scheduled". The API keeps the code. */
public final class Words {

    private Words() {
    }

    public static String of(Enum<?> code) {
        return code == null ? "—" : of(code.name());
    }

    /** The same for a code kept as a string, such as a role name. */
    public static String of(String code) {
        if (code == null || code.isEmpty()) {
            return "—";
        }
        String words = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
