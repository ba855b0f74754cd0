package dev.keyward.identity;

/** Where a person stands with the organisation; only ACTIVE people may sign in or approve. */
public enum PersonStatus {
    ACTIVE, SUSPENDED, LEFT
}
