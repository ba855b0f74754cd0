package dev.keyward.approvals.internal;

import dev.keyward.approvals.ApprovalStatus;
import dev.keyward.approvals.SlotKind;
import dev.keyward.approvals.internal.ApprovalStore.CaseRow;
import dev.keyward.approvals.internal.ApprovalStore.DecisionRow;
import dev.keyward.approvals.internal.ApprovalStore.SlotRow;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Roles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Separation of duties for one slot: who may fill it. Nobody decides what they asked for, nor what the subject lists
 * as conflicting (its beneficiary, the person receiving a role...); one person fills at most one slot of a case, a
 * person designated for another open slot keeps that one, only ACTIVE people decide, auditors never do, and a slot
 * without a designated person is for its kind's pool.
 */
@Component
public class Eligibility {

    private final PeopleService people;

    Eligibility(PeopleService people) {
        this.people = people;
    }

    /**
     * Who would decide, with the facts about them that slots ask read once however many slots are checked (their
     * roles only when a slot needs them). For one request on one thread.
     */
    public final class Approver {

        private final String username;
        private final boolean active;
        private Boolean securityOfficer;
        private Boolean administrator;
        private Boolean auditor;

        private Approver(String username) {
            this.username = username;
            this.active = people.isActive(username);
        }

        public String username() {
            return username;
        }

        /** Auditors approve nothing: they check the approvals afterwards. */
        public boolean auditor() {
            if (auditor == null) {
                auditor = people.isActiveWithRole(username, Roles.AUDITOR);
            }
            return auditor;
        }

        public boolean securityOfficer() {
            if (securityOfficer == null) {
                securityOfficer = people.isActiveWithRole(username, Roles.SECURITY_OFFICER);
            }
            return securityOfficer;
        }

        public boolean administrator() {
            if (administrator == null) {
                administrator = people.isActiveWithRole(username, Roles.ADMIN);
            }
            return administrator;
        }

        /** Whether they belong to the pool that fills an undesignated slot of this kind. */
        boolean inPoolOf(SlotKind kind) {
            return securityOfficer() || (kind == SlotKind.OFFICER_OR_ADMIN && administrator());
        }
    }

    public Approver approver(String username) {
        return new Approver(username);
    }

    /** Why {@code approver} may not fill {@code slot} now, or empty when they may. */
    public Optional<String> refusal(Approver approver, CaseRow approval, SlotRow slot, List<SlotRow> slots,
                                    List<DecisionRow> decisions, Map<String, String> conflicts) {
        String username = approver.username();
        if (approval.status() != ApprovalStatus.PENDING) {
            return Optional.of("This approval is already " + approval.status().name().toLowerCase() + ".");
        }
        if (slot.status() != ApprovalStatus.PENDING) {
            return Optional.of("Somebody else has already made this decision (as " + slot.kind().label().toLowerCase() + ").");
        }
        if (approver.auditor()) {
            return Optional.of("Auditors verify approvals; they do not make them.");
        }
        if (!approver.active) {
            return Optional.of("Only active people can decide; " + username + " is not active.");
        }
        if (conflicts.containsKey(username)) {
            return Optional.of(conflicts.get(username));
        }
        if (username.equals(approval.requester())) {
            return Optional.of("You asked for this; somebody else has to decide it.");
        }
        if (decisions.stream().anyMatch(d -> d.approver().equals(username))) {
            return Optional.of("You have already decided on this approval; every slot needs a different person.");
        }
        if (slot.approver() != null) {
            return slot.approver().equals(username) ? Optional.empty()
                    : Optional.of("This slot is for " + slot.approver() + ".");
        }
        if (!approver.inPoolOf(slot.kind())) {
            return Optional.of(slot.kind() == SlotKind.OFFICER_OR_ADMIN
                    ? "Only a security officer or an administrator can fill this slot."
                    : "Only a security officer can fill this slot.");
        }
        boolean designatedElsewhere = slots.stream().anyMatch(s -> s.status() == ApprovalStatus.PENDING
                && !s.id().equals(slot.id()) && username.equals(s.approver()));
        return designatedElsewhere
                ? Optional.of("You are the designated approver of another slot of this approval; decide that one.")
                : Optional.empty();
    }
}
