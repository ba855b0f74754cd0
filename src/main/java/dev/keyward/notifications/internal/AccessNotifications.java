package dev.keyward.notifications.internal;

import dev.keyward.access.AccessEvents.AccessRequestClosed;
import dev.keyward.approvals.Approval;
import dev.keyward.approvals.ApprovalEvents.ApprovalEscalated;
import dev.keyward.approvals.ApprovalEvents.ApprovalOpened;
import dev.keyward.approvals.ApprovalEvents.ApproversReminded;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.ApprovalStatus;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Roles;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Who hears about an access request, once the change is committed: the people who may fill its open slots
 * (when it opens, at the reminder and after an escalation), and the requester when it ends.
 */
@Component
class AccessNotifications {

    private final ApprovalService approvals;
    private final PeopleService people;
    private final Mailer mailer;

    AccessNotifications(ApprovalService approvals, PeopleService people, Mailer mailer) {
        this.approvals = approvals;
        this.people = people;
        this.mailer = mailer;
    }

    @TransactionalEventListener
    void opened(ApprovalOpened event) {
        askApprovers(event.approvalId(), "Decision needed");
    }

    @TransactionalEventListener
    void reminded(ApproversReminded event) {
        askApprovers(event.approvalId(), "Reminder: decision still needed");
    }

    @TransactionalEventListener
    void escalated(ApprovalEscalated event) {
        askApprovers(event.approvalId(), "Escalated to the security officers");
    }

    @TransactionalEventListener
    void closed(AccessRequestClosed event) {
        if (!mailer.enabled()) {
            return;
        }
        people.contact(event.requester()).ifPresent(to -> mailer.send(to, "Your access request for " + event.key()
                + ": " + event.status(), event.result() + "\n\nDetails: " + mailer.link("my-requests")));
    }

    private void askApprovers(String approvalId, String subject) {
        if (!mailer.enabled()) {
            return;
        }
        Approval approval = approvals.get(approvalId);
        if (approval.status() != ApprovalStatus.PENDING) {
            return;
        }
        Map<String, Object> facts = approval.facts();
        @SuppressWarnings("unchecked")
        Map<String, Object> key = (Map<String, Object>) facts.get("key");
        String what = approval.requester() + " asks for " + facts.get("permissions") + " on " + key.get("alias")
                + " (" + key.get("sensitivity") + ") for " + approval.beneficiary() + ".";
        for (String who : candidates(approval)) {
            people.contact(who).ifPresent(to -> mailer.send(to, subject + ": " + key.get("alias"), what
                    + "\nJustification: " + facts.get("justification")
                    + "\n\nDecide with your passkey: " + mailer.link("approvals")));
        }
    }

    /** Designated approvers of open slots, and the security officers when a slot is theirs. */
    private Set<String> candidates(Approval approval) {
        Set<String> who = new LinkedHashSet<>();
        for (Approval.Slot slot : approval.slots()) {
            if (slot.status() != ApprovalStatus.PENDING) {
                continue;
            }
            if (slot.approver() != null) {
                who.add(slot.approver());
            } else {
                who.addAll(people.activeWithRole(Roles.SECURITY_OFFICER));
            }
        }
        who.remove(approval.requester());
        who.remove(approval.beneficiary());
        return who;
    }
}
