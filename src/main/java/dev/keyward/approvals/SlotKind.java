package dev.keyward.approvals;

/** Who must fill an approval slot. */
public enum SlotKind {
    /** The requester's manager in the org chart. */
    MANAGER,
    /** The key's owner (custodian). */
    KEY_OWNER,
    /** Any security officer not otherwise involved. */
    SECURITY_OFFICER;

    /** Who decides, in the words the views use. */
    public String label() {
        return switch (this) {
            case MANAGER -> "Manager";
            case KEY_OWNER -> "Key owner";
            case SECURITY_OFFICER -> "Security officer";
        };
    }
}
