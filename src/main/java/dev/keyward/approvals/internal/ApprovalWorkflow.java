package dev.keyward.approvals.internal;

import dev.keyward.approvals.ApprovalEvents.ApprovalConcluded;
import dev.keyward.approvals.ApprovalEvents.ApprovalEscalated;
import dev.keyward.approvals.ApprovalEvents.ApproversReminded;
import dev.keyward.approvals.ApprovalStatus;
import dev.keyward.approvals.Decision;
import dev.keyward.approvals.internal.ApprovalStore.CaseRow;
import dev.keyward.approvals.internal.ApprovalStore.SlotRow;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What the Approval process does at each step; its delegates call only this. */
@Component
@Transactional
public class ApprovalWorkflow {

    private final ApprovalStore store;
    private final ApplicationEventPublisher events;
    private final ApprovalProperties properties;
    private final Clock clock;

    ApprovalWorkflow(ApprovalStore store, ApplicationEventPublisher events, ApprovalProperties properties, Clock clock) {
        this.store = store;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    public List<String> slotIds(String approvalId) {
        return store.slots(approvalId).stream().map(SlotRow::id).toList();
    }

    public void recordTask(String slotId, String taskId) {
        store.recordTask(slotId, taskId);
    }

    public Date remindAt(String approvalId) {
        return Date.from(approval(approvalId).remindAt());
    }

    public Date escalateAt(String approvalId) {
        return Date.from(approval(approvalId).escalateAt());
    }

    public Date expireAt(String approvalId) {
        return Date.from(approval(approvalId).expireAt());
    }

    /** Whether a slot was rejected: one rejection ends the approval. */
    public boolean rejected(String approvalId) {
        return store.slots(approvalId).stream().anyMatch(s -> s.status() == ApprovalStatus.REJECTED);
    }

    /** Reminds whoever may fill the slots that are still open. */
    public void remind(String approvalId) {
        List<String> pending = open(approvalId).map(s -> s.approver() != null ? s.approver() : "security officers")
                .distinct().toList();
        if (!pending.isEmpty()) {
            events.publishEvent(new ApproversReminded(approvalId, pending));
        }
    }

    /** Hands open slots to the security officers when their designated approvers have not decided in time. */
    public void escalate(String approvalId) {
        List<SlotRow> late = open(approvalId).filter(s -> s.approver() != null).toList();
        late.forEach(slot -> store.routeToSecurityOfficers(slot.id(), slot.approver() + " did not decide within "
                + properties.escalationBusinessDays() + " business days."));
        if (!late.isEmpty()) {
            events.publishEvent(new ApprovalEscalated(approvalId, late.stream().map(SlotRow::position).toList()));
        }
    }

    private Stream<SlotRow> open(String approvalId) {
        return store.slots(approvalId).stream().filter(s -> s.status() == ApprovalStatus.PENDING);
    }

    /** Nobody completed the approval in time. */
    public ApprovalStatus expire(String approvalId) {
        return conclude(approval(approvalId), ApprovalStatus.EXPIRED, "Not decided within "
                + properties.expiryBusinessDays() + " business days.");
    }

    /** Approved when every slot approved; rejected (with the rejecter's comment) when one rejected. */
    public ApprovalStatus conclude(String approvalId) {
        CaseRow approval = approval(approvalId);
        if (approval.status() != ApprovalStatus.PENDING) {
            return approval.status();
        }
        List<SlotRow> slots = store.slots(approvalId);
        if (slots.stream().allMatch(s -> s.status() == ApprovalStatus.APPROVED)) {
            return conclude(approval, ApprovalStatus.APPROVED, null);
        }
        String comment = store.decisions(approvalId).stream()
                .filter(d -> d.decision() == Decision.REJECT)
                .map(d -> d.approver() + ": " + d.comment()).findFirst().orElse("Not every slot approved.");
        return conclude(approval, ApprovalStatus.REJECTED, comment);
    }

    private ApprovalStatus conclude(CaseRow approval, ApprovalStatus status, String comment) {
        if (approval.status() != ApprovalStatus.PENDING) {
            return approval.status();
        }
        store.conclude(approval.id(), status, clock.instant());
        events.publishEvent(new ApprovalConcluded(approval.id(), approval.subjectType(), approval.subjectId(), status, comment));
        return status;
    }

    private CaseRow approval(String id) {
        return store.findCase(id).orElseThrow(() -> new NoSuchElementException("No approval " + id + "."));
    }
}
