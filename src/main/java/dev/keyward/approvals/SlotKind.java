package dev.keyward.approvals;

/**
 * Who must fill an approval slot: a designated person (MANAGER, KEY_OWNER) or anyone of a pool (the others). A
 * designated slot whose person cannot decide goes to the security officers.
 */
public enum SlotKind {
    /** The requester's manager in the org chart (or whoever the subject designates in their place). */
    MANAGER,
    /** The key's owner (custodian). */
    KEY_OWNER,
    /** Any security officer not otherwise involved. */
    SECURITY_OFFICER,
    /** Any security officer or administrator not otherwise involved (dual control over privileged roles). */
    OFFICER_OR_ADMIN;

    /** Who decides, in the words the views use. */
    public String label() {
        return switch (this) {
            case MANAGER -> "Manager";
            case KEY_OWNER -> "Key owner";
            case SECURITY_OFFICER -> "Security officer";
            case OFFICER_OR_ADMIN -> "Security officer or administrator";
        };
    }

    /** Whether a named person is asked (rather than a pool). */
    public boolean designated() {
        return this == MANAGER || this == KEY_OWNER;
    }
}
