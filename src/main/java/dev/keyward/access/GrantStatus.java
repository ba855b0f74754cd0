package dev.keyward.access;

public enum GrantStatus {
    ACTIVE, EXPIRED, REVOKED
}
