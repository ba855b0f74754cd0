package dev.keyward.approvals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An approval case with its slots and decisions, as the UI and the API show it.
 *
 * @param facts      the subject's facts as signed (the canonical document, parsed)
 * @param conflicted who may not decide, with the reason they are told
 */
public record Approval(String id, String subjectType, String subjectId, String requester, String summary,
                       Map<String, Object> facts, Map<String, String> conflicted, ApprovalStatus status,
                       Instant createdAt, Instant remindAt, Instant escalateAt, Instant expireAt, Instant concludedAt,
                       List<Slot> slots) {

    /**
     * One approver's place. {@code approver} is the designated person, or null when anyone of the kind's pool may
     * decide ({@code routedReason} says why a designated slot went to the security officers, or why its person
     * decides in someone else's place).
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

    /**
     * How a case that did not approve ended, for its subject to close with: REJECTED, EXPIRED or WITHDRAWN, and the
     * sentence its requester reads ({@code nothingDone} says what did not happen, e.g. "nothing was granted").
     */
    public record Ending(ApprovalStatus status, String outcome) {
    }

    public Ending ending(String nothingDone) {
        return switch (status) {
            case EXPIRED -> new Ending(status, "Not decided in time; " + nothingDone + ".");
            case WITHDRAWN -> new Ending(status, "Withdrawn by " + requester + "; " + nothingDone + ".");
            default -> new Ending(ApprovalStatus.REJECTED, rejection());
        };
    }

    /** "Rejected by bob: comment" from the rejecting decision, for the subject to tell its requester. */
    public String rejection() {
        return slots.stream().filter(s -> s.decision() != null && s.decision().decision() == Decision.REJECT)
                .map(s -> "Rejected by " + s.decision().approver() + ": " + s.decision().comment())
                .findFirst().orElse("Rejected.");
    }
}
