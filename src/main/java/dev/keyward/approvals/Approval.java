package dev.keyward.approvals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An approval case with its slots and decisions, as the UI and the API show it. */
public record Approval(String id, String subjectType, String subjectId, String requester, String beneficiary,
                       Map<String, Object> facts, ApprovalStatus status, Instant createdAt, Instant remindAt,
                       Instant escalateAt, Instant expireAt, Instant concludedAt, List<Slot> slots) {

    /**
     * One approver's place. {@code approver} is the designated person, or null when any eligible security officer
     * may decide ({@code routedReason} says why a MANAGER or KEY_OWNER slot went to them).
     */
    public record Slot(String id, int position, SlotKind kind, String approver, String routedReason,
                       ApprovalStatus status, SignedDecision decision) {
    }

    /** A decision with the document the approver's passkey signed and whether the signature verifies now. */
    public record SignedDecision(String approver, Decision decision, String comment, Instant decidedAt, String document,
                                 boolean verified, String verification) {
    }

    public boolean allDecisionsVerified() {
        return slots.stream().allMatch(s -> s.decision() == null || s.decision().verified());
    }
}
