package dev.keyward.access;

/**
 * PENDING while approvers decide; GRANTED once the grant exists; REJECTED by an approver; EXPIRED when nobody
 * decided in time; REFUSED when approved but provisioning refused (e.g. a decision's signature did not verify).
 */
public enum AccessRequestStatus {
    PENDING, GRANTED, REJECTED, EXPIRED, REFUSED
}
