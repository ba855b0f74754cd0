package dev.keyward.keys;

import java.time.Instant;
import java.util.List;

/**
 * A rotation of a key: the request, its approval and, once done, its entry in the key's rotation log.
 *
 * @param approvers who approved, as what, when, and whether their passkey signature verifies now
 */
public record Rotation(String id, String key, Trigger trigger, String reason, String requester, Status status,
                       String outcome, String approvalId, int oldVersion, String oldKcv, Integer newVersion,
                       String newKcv, Instant createdAt, Instant completedAt, List<ChangeApprover> approvers) {

    public Rotation {
        approvers = List.copyOf(approvers);
    }

    /** Why the rotation was asked for. */
    public enum Trigger {
        /** The key reached its rotation date. */
        SCHEDULED,
        /** Its owner or a security officer asked, with a reason. */
        ON_DEMAND,
        /** The key was marked compromised. */
        EMERGENCY
    }

    public enum Status {
        PENDING, ROTATING, DONE, REJECTED, EXPIRED, FAILED, WITHDRAWN;

        public String label() {
            return switch (this) {
                case PENDING -> "Waiting for approval";
                case ROTATING -> "Approved, rotating";
                case DONE -> "Rotated";
                case REJECTED -> "Rejected";
                case EXPIRED -> "Expired";
                case FAILED -> "Failed";
                case WITHDRAWN -> "Withdrawn";
            };
        }

        public boolean open() {
            return this == PENDING || this == ROTATING;
        }
    }
}
