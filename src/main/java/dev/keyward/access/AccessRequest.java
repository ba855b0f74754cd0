package dev.keyward.access;

import dev.keyward.approvals.Approval;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An access request with its approval (slots, signed decisions and whether each verifies) and a timeline of its
 * steps. {@code approval} is null for callers who may see the request but not who decides it.
 */
public record AccessRequest(String id, String requester, String beneficiary, String key, Set<Permission> permissions,
                            String justification, int durationDays, String ticket, AccessRequestStatus status,
                            String outcome, Instant createdAt, Instant closedAt, String grantId, Approval approval,
                            List<Step> timeline) {

    /** The {@link dev.keyward.approvals.ApprovalSubject#type()} of an access request's approval. */
    public static final String SUBJECT_TYPE = "access-request";

    /** One thing that happened to the request. */
    public record Step(Instant at, String what, String who) {
    }
}
