package dev.keyward.keys;

import java.time.Instant;
import java.util.List;

/**
 * A request to destroy a key (PCI DSS 3.7.5, NIST SP 800-57 destroyed state): asked by its owner or a security
 * officer, approved by two security officers, then a waiting period during which it can be cancelled, then the HSM
 * objects of every version are destroyed. The key's metadata, check values and history stay.
 *
 * @param override  the reason to destroy although something still relied on the key; the approvers sign it
 * @param inUse     what relied on the key when destruction was asked (active grants, recent use), as sentences
 * @param fromState the state the key returns to when the destruction is cancelled or refused
 * @param destroyAt when the waiting period ends; null until approved
 */
public record Destruction(String id, String key, String reason, String override, List<String> inUse, int waitingDays,
                          String requester, Status status, String outcome, String approvalId, KeyState fromState,
                          Instant destroyAt, String cancelledBy, Instant createdAt, Instant completedAt,
                          List<ChangeApprover> approvers) {

    public Destruction {
        inUse = List.copyOf(inUse);
        approvers = List.copyOf(approvers);
    }

    public enum Status {
        /** Waiting for its two security officers. */
        PENDING,
        /** Approved; the key is DESTROY_SCHEDULED until {@code destroyAt} and the destruction can be cancelled. */
        SCHEDULED,
        /** The waiting period is over and the HSM objects are being destroyed (retried until every token answers). */
        DESTROYING,
        DESTROYED,
        CANCELLED,
        REJECTED,
        EXPIRED,
        /** Something relied on the key again when the wait ended, and no override was signed: the key was kept. */
        REFUSED,
        WITHDRAWN;

        public String label() {
            return switch (this) {
                case PENDING -> "Waiting for approval";
                case SCHEDULED -> "Scheduled";
                case DESTROYING -> "Destroying";
                case DESTROYED -> "Destroyed";
                case CANCELLED -> "Cancelled";
                case REJECTED -> "Rejected";
                case EXPIRED -> "Expired";
                case REFUSED -> "Refused";
                case WITHDRAWN -> "Withdrawn";
            };
        }

        public boolean open() {
            return this == PENDING || this == SCHEDULED || this == DESTROYING;
        }
    }

    /**
     * What the owner or an officer asks: why, how long to wait (null: the default for the key's sensitivity) and,
     * when something still relies on the key, why it must go anyway.
     */
    public record Request(String reason, Integer waitingDays, String override) {
    }
}
