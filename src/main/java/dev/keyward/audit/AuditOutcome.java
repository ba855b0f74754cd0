package dev.keyward.audit;

/** SUCCESS: it happened. FAILURE: it was attempted and failed. DENIED: it was refused by policy. */
public enum AuditOutcome {
    SUCCESS, FAILURE, DENIED
}
