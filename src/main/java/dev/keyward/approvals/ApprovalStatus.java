package dev.keyward.approvals;

public enum ApprovalStatus {
    PENDING, APPROVED, REJECTED, EXPIRED,
    /** Its requester called it off while it was pending. */
    WITHDRAWN
}
