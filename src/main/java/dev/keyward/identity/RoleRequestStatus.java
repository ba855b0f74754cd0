package dev.keyward.identity;

/** Where a privileged role request stands. */
public enum RoleRequestStatus {
    PENDING, GRANTED, REJECTED, EXPIRED, REFUSED, WITHDRAWN;

    public String label() {
        return switch (this) {
            case PENDING -> "Waiting for approval";
            case GRANTED -> "Granted";
            case REJECTED -> "Rejected";
            case EXPIRED -> "Expired";
            case REFUSED -> "Refused";
            case WITHDRAWN -> "Withdrawn";
        };
    }
}
