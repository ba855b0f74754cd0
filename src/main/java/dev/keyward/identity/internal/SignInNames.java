package dev.keyward.identity.internal;

/** A cheap plausibility check on what someone typed as a username, before any lookup or hashing. */
final class SignInNames {

    static final int MAX_LENGTH = 64;

    private SignInNames() {
    }

    /** A printable, bounded rendering of whatever was typed, for the audit log. */
    static String forAudit(String username) {
        if (username == null) {
            return "";
        }
        String printable = username.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() <= MAX_LENGTH ? printable : printable.substring(0, MAX_LENGTH) + "…";
    }

    static boolean isPlausible(String username) {
        return username != null && !username.isEmpty() && username.length() <= MAX_LENGTH
                && username.chars().noneMatch(Character::isISOControl);
    }
}
