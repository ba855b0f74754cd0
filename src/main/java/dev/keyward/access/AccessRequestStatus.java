package dev.keyward.access;

/**
 * PENDING while approvers decide; GRANTED once the grant exists; REJECTED by an approver; EXPIRED when nobody
 * decided in time; REFUSED when approved but provisioning refused (e.g. a decision's signature did not verify).
 */
public enum AccessRequestStatus {
    PENDING, GRANTED, REJECTED, EXPIRED, REFUSED, WITHDRAWN;

    /** The words people read in the views; the API keeps the code. */
    public String label() {
        return switch (this) {
            case PENDING -> "Waiting for approval";
            case GRANTED -> "Granted";
            case REJECTED -> "Rejected";
            case EXPIRED -> "Expired undecided";
            case REFUSED -> "Refused at provisioning";
            case WITHDRAWN -> "Withdrawn";
        };
    }
}
