package dev.keyward.keys;

import java.time.Instant;
import java.util.List;

/**
 * A request to retire an old version of a key: from then on nothing is decrypted or verified with it (its HSM object
 * stays until the key is destroyed). Allowed only when the rewrap census shows no use of the version for a while, or
 * with an override reason its approvers sign.
 *
 * @param inUse what used the version recently when retirement was asked (the census), as sentences
 */
public record Retirement(String id, String key, int version, String reason, String override, List<String> inUse,
                         String requester, Status status, String outcome, String approvalId, Instant createdAt,
                         Instant completedAt, List<ChangeApprover> approvers) {

    public Retirement {
        inUse = List.copyOf(inUse);
        approvers = List.copyOf(approvers);
    }

    public enum Status {
        PENDING, RETIRED, REJECTED, EXPIRED,
        /** The version was used again (or became current, or the key changed) before the approval ended: kept. */
        REFUSED,
        WITHDRAWN;

        public String label() {
            return switch (this) {
                case PENDING -> "Waiting for approval";
                case RETIRED -> "Retired";
                case REJECTED -> "Rejected";
                case EXPIRED -> "Expired";
                case REFUSED -> "Refused";
                case WITHDRAWN -> "Withdrawn";
            };
        }
    }

    /** Why retire the version and, when the census shows it in use, why retire it anyway. */
    public record Request(String reason, String override) {
    }
}
