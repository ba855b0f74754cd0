package dev.keyward.keys;

/**
 * Which keys to list; {@code null} (or false) criteria match everything. {@code search} looks in aliases,
 * descriptions and owners, and a whole purpose name (e.g. {@code mac}) matches that purpose; {@code overdue} keeps keys past their originator usage period.
 */
public record KeyFilter(KeyState state, Sensitivity sensitivity, String owner, KeyPurpose purpose, String search,
                        boolean overdue) {

    public static final KeyFilter ALL = new KeyFilter(null, null, null, null, null, false);
}
