package dev.keyward.approvals;

import dev.keyward.audit.AuditOutcome;
import dev.keyward.audit.AuditTarget;
import dev.keyward.audit.AuditableEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The approvals module's past-tense events, audited in the transaction that caused them. */
public final class ApprovalEvents {

    private ApprovalEvents() {
    }

    private static AuditTarget target(String approvalId) {
        return new AuditTarget("approval", approvalId);
    }

    public record ApprovalOpened(String approvalId, String subjectType, String subjectId, String summary,
                                 List<String> slots) implements AuditableEvent {
        public String action() { return "approvals.approval.opened"; }
        public AuditTarget target() { return ApprovalEvents.target(approvalId); }
        public Map<String, ?> details() {
            return Map.of("subject", subjectType + ":" + subjectId, "summary", summary, "slots", slots);
        }
    }

    /** A passkey-signed decision; {@code documentSha256} is the WebAuthn challenge the approver signed. */
    public record ApprovalDecided(String approvalId, String subjectType, String subjectId, int slot, SlotKind kind,
                                  String approver, Decision decision, String documentSha256) implements AuditableEvent {
        public String action() { return "approvals.decision.signed"; }
        public AuditTarget target() { return ApprovalEvents.target(approvalId); }
        public Map<String, ?> details() {
            return Map.of("subject", subjectType + ":" + subjectId, "slot", slot, "kind", kind, "approver", approver,
                    "decision", decision, "documentSha256", documentSha256);
        }
    }

    /** Somebody tried to decide and was refused (not eligible, or the signature did not verify). */
    public record DecisionRefused(String approvalId, String slotId, String who, String reason) implements AuditableEvent {
        public String action() { return "approvals.decision.refused"; }
        public AuditTarget target() { return ApprovalEvents.target(approvalId); }
        public AuditOutcome outcome() { return AuditOutcome.DENIED; }
        public Map<String, ?> details() { return Map.of("slot", slotId, "who", who, "reason", reason); }
    }

    public record ApproversReminded(String approvalId, List<String> approvers) implements AuditableEvent {
        public String action() { return "approvals.approvers.reminded"; }
        public AuditTarget target() { return ApprovalEvents.target(approvalId); }
        public Map<String, ?> details() { return Map.of("approvers", approvers); }
    }

    public record ApprovalEscalated(String approvalId, List<Integer> slots) implements AuditableEvent {
        public String action() { return "approvals.approval.escalated"; }
        public AuditTarget target() { return ApprovalEvents.target(approvalId); }
        public Map<String, ?> details() { return Map.of("slotsNowWithSecurityOfficers", slots); }
    }

    /** A pending case that nobody is left to finish: officers and administrators hear what would unblock it. */
    public record ApprovalBlocked(String approvalId, String subjectType, String subjectId, String summary, String reason)
            implements AuditableEvent {
        public String action() { return "approvals.approval.blocked"; }
        public AuditTarget target() { return ApprovalEvents.target(approvalId); }
        public Map<String, ?> details() { return Map.of("subject", subjectType + ":" + subjectId, "reason", reason); }
    }

    public record ApprovalConcluded(String approvalId, String subjectType, String subjectId, ApprovalStatus status,
                                    String comment) implements AuditableEvent {
        public String action() { return "approvals.approval.concluded"; }
        public AuditTarget target() { return ApprovalEvents.target(approvalId); }
        public Map<String, ?> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("subject", subjectType + ":" + subjectId);
            details.put("status", status);
            if (comment != null) {
                details.put("comment", comment);
            }
            return details;
        }
    }
}
