package dev.keyward.notifications.internal;

import dev.keyward.approvals.Approval;
import dev.keyward.approvals.ApprovalEvents.ApprovalBlocked;
import dev.keyward.approvals.ApprovalEvents.ApprovalEscalated;
import dev.keyward.approvals.ApprovalEvents.ApprovalOpened;
import dev.keyward.approvals.ApprovalEvents.ApproversReminded;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.ApprovalStatus;
import dev.keyward.approvals.SlotKind;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Roles;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Who hears about an approval, whatever its subject, once the change is committed: the people who may fill its open
 * slots, when it opens, at the reminder and after an escalation. The mail says what is asked in one line and links to
 * the inbox; the facts stay in the application.
 */
@Component
@ConditionalOnProperty("spring.mail.host") // no server, nothing to deliver: nothing stored for it
class ApprovalNotifications {

    private final ApprovalService approvals;
    private final PeopleService people;
    private final Mailer mailer;

    ApprovalNotifications(ApprovalService approvals, PeopleService people, Mailer mailer) {
        this.approvals = approvals;
        this.people = people;
        this.mailer = mailer;
    }

    @ApplicationModuleListener
    void opened(ApprovalOpened event) {
        askApprovers(event.approvalId(), "Decision needed");
    }

    @ApplicationModuleListener
    void reminded(ApproversReminded event) {
        askApprovers(event.approvalId(), "Reminder: decision still needed");
    }

    @ApplicationModuleListener
    void escalated(ApprovalEscalated event) {
        askApprovers(event.approvalId(), "Escalated to the security officers");
    }

    /** Nobody is left to finish an approval: the officers and administrators hear what would unblock it. */
    @ApplicationModuleListener
    void blocked(ApprovalBlocked event) {
        if (!mailer.enabled()) {
            return;
        }
        Set<String> who = new LinkedHashSet<>(people.activeWithRole(Roles.SECURITY_OFFICER));
        who.addAll(people.activeWithRole(Roles.ADMIN));
        for (String person : who) {
            people.contact(person).ifPresent(to -> mailer.send(to, "Approval cannot finish: " + event.summary(),
                    event.summary() + ".\n\n" + event.reason() + "\n\nThe approvals inbox: " + mailer.link("approvals")));
        }
    }

    private void askApprovers(String approvalId, String subject) {
        if (!mailer.enabled()) {
            return;
        }
        Approval approval = approvals.get(approvalId);
        if (approval.status() != ApprovalStatus.PENDING) {
            return;
        }
        for (String who : candidates(approval)) {
            people.contact(who).ifPresent(to -> mailer.send(to, subject + ": " + approval.summary(),
                    approval.summary() + ".\n\nDecide with your passkey: " + mailer.link("approvals")));
        }
    }

    /** Designated approvers of open slots, and the pool when a slot is theirs; never somebody who may not decide. */
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
                if (slot.kind() == SlotKind.OFFICER_OR_ADMIN) {
                    who.addAll(people.activeWithRole(Roles.ADMIN));
                }
            }
        }
        who.remove(approval.requester());
        who.removeAll(approval.conflicted().keySet());
        return who;
    }
}
