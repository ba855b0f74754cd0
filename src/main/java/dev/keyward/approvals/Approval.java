package dev.keyward.approvals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** "Rejected by bob: comment" from the rejecting decision, for the subject to tell its requester. */
    public String rejection() {
        return slots.stream().filter(s -> s.decision() != null && s.decision().decision() == Decision.REJECT)
                .map(s -> "Rejected by " + s.decision().approver() + ": " + s.decision().comment())
                .findFirst().orElse("Rejected.");
    }

    /**
     * Why nothing may be done on this approval's word, or empty when every slot approved with a decision whose
     * passkey signature verifies now. Every subject asks this right before it acts.
     */
    public Optional<String> refusalToAct() {
        if (status != ApprovalStatus.APPROVED) {
            return Optional.of("The approval is " + status + ", not APPROVED.");
        }
        for (Slot slot : slots) {
            if (slot.decision() == null || slot.decision().decision() != Decision.APPROVE) {
                return Optional.of("Approval step " + slot.position() + " (" + slot.kind().label().toLowerCase()
                        + ") has no approving decision.");
            }
            if (!slot.decision().verified()) {
                return Optional.of("The decision of " + slot.decision().approver() + " on slot " + slot.position()
                        + " does not verify: " + slot.decision().verification() + ".");
            }
        }
        return Optional.empty();
    }
}
