package dev.keyward.approvals;

public enum ApprovalStatus {
    PENDING, APPROVED, REJECTED, EXPIRED
}
