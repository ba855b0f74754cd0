package dev.keyward.approvals;

import java.time.Instant;
import java.util.Map;

/** A slot the signed-in person may decide now, with its case's subject as signed. */
public record InboxItem(String approvalId, String slotId, SlotKind kind, String routedReason, String subjectType,
                        String subjectId, String requester, String summary, Map<String, Object> facts,
                        Instant createdAt, Instant escalateAt, Instant expireAt) {
}
