package dev.keyward.identity.internal;

/** A cheap plausibility check on what someone typed as a username, before any lookup or hashing. */
final class SignInNames {

    static final int MAX_LENGTH = 64;

    private SignInNames() {
    }

    static boolean isPlausible(String username) {
        return username != null && !username.isEmpty() && username.length() <= MAX_LENGTH
                && username.chars().noneMatch(Character::isISOControl);
    }
}
