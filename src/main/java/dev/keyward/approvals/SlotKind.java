package dev.keyward.approvals;

/** Who must fill an approval slot. */
public enum SlotKind {
    /** The requester's manager in the org chart. */
    MANAGER,
    /** The key's owner (custodian). */
    KEY_OWNER,
    /** Any security officer not otherwise involved. */
    SECURITY_OFFICER
}
