package dev.keyward.approvals;

public enum Decision {
    APPROVE, REJECT
}
