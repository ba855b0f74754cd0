package dev.keyward.access;

public enum GrantStatus {
    ACTIVE, EXPIRED, REVOKED;

    /** The word people read in the views; the API keeps the code. */
    public String label() {
        return switch (this) {
            case ACTIVE -> "Active";
            case EXPIRED -> "Expired";
            case REVOKED -> "Revoked";
        };
    }
}
