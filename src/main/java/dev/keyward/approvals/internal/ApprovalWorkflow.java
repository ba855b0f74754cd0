package dev.keyward.approvals.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keyward.approvals.ApprovalEvents.ApprovalConcluded;
import dev.keyward.approvals.ApprovalEvents.ApprovalEscalated;
import dev.keyward.approvals.ApprovalEvents.ApproversReminded;
import dev.keyward.approvals.ApprovalStatus;
import dev.keyward.approvals.Decision;
import dev.keyward.approvals.internal.ApprovalStore.CaseRow;
import dev.keyward.approvals.internal.ApprovalStore.SlotRow;
import java.time.Clock;
import java.time.Instant;
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
    private final Cache<String, Deadlines> deadlines = Caffeine.newBuilder().maximumSize(1_000).build();

    ApprovalWorkflow(ApprovalStore store, ApplicationEventPublisher events, ApprovalProperties properties, Clock clock) {
        this.store = store;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    public Date remindAt(String approvalId) {
        return Date.from(deadlines(approvalId).remindAt());
    }

    public Date escalateAt(String approvalId) {
        return Date.from(deadlines(approvalId).escalateAt());
    }

    public Date expireAt(String approvalId) {
        return Date.from(deadlines(approvalId).expireAt());
    }

    /** A case's deadlines never change once it is open, and its three timers are created together: read them once. */
    private Deadlines deadlines(String approvalId) {
        return deadlines.get(approvalId, id -> {
            CaseRow c = approval(id);
            return new Deadlines(c.remindAt(), c.escalateAt(), c.expireAt());
        });
    }

    private record Deadlines(Instant remindAt, Instant escalateAt, Instant expireAt) {
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
