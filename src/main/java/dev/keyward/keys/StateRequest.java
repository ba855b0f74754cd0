package dev.keyward.keys;

import java.time.Instant;
import java.util.List;

/**
 * A request to move a key to a state that loses data or widens use: re-activating a SUSPENDED key, or deactivating a
 * key (it then only decrypts and verifies). The key owner (their manager when the owner asked) and a security officer
 * decide; the move happens once they approve, if the key is still where it was.
 */
public record StateRequest(String id, String key, KeyState from, KeyState to, String reason, String requester,
                           Status status, String outcome, String approvalId, Instant createdAt, Instant completedAt,
                           List<ChangeApprover> approvers) {

    public StateRequest {
        approvers = List.copyOf(approvers);
    }

    public enum Status {
        PENDING, DONE, REJECTED, EXPIRED,
        /** Approved, but the key had moved meanwhile: nothing changed. */
        REFUSED,
        WITHDRAWN;

        public String label() {
            return switch (this) {
                case PENDING -> "Waiting for approval";
                case DONE -> "Done";
                case REJECTED -> "Rejected";
                case EXPIRED -> "Expired";
                case REFUSED -> "Refused";
                case WITHDRAWN -> "Withdrawn";
            };
        }
    }
}
