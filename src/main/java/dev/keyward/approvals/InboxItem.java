package dev.keyward.approvals;

import java.time.Instant;
import java.util.Map;

/** A slot the signed-in person may decide now. */
public record InboxItem(String approvalId, String slotId, SlotKind kind, String routedReason, String subjectType,
                        String subjectId, String requester, String beneficiary, Map<String, Object> facts,
                        Instant createdAt, Instant escalateAt, Instant expireAt) {
}
