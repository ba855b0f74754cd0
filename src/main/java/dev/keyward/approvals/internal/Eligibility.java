package dev.keyward.approvals.internal;

import dev.keyward.approvals.ApprovalStatus;
import dev.keyward.approvals.internal.ApprovalStore.CaseRow;
import dev.keyward.approvals.internal.ApprovalStore.DecisionRow;
import dev.keyward.approvals.internal.ApprovalStore.SlotRow;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Roles;
import dev.keyward.identity.ServiceAccountService;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Separation of duties for one slot: who may fill it. Nobody approves what they asked for or what benefits them,
 * one person fills at most one slot of a case, a person designated for another open slot keeps that one, only
 * ACTIVE people decide, and slots without a designated person are for security officers.
 */
@Component
public class Eligibility {

    private final PeopleService people;
    private final ServiceAccountService serviceAccounts;

    Eligibility(PeopleService people, ServiceAccountService serviceAccounts) {
        this.people = people;
        this.serviceAccounts = serviceAccounts;
    }

    /**
     * Who would decide, with the facts about them that slots ask read once however many slots are checked (their
     * role only when a slot needs it). For one request on one thread.
     */
    public final class Approver {

        private final String username;
        private final boolean active;
        private Boolean securityOfficer;
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
    }

    public Approver approver(String username) {
        return new Approver(username);
    }

    /** Why {@code approver} may not fill {@code slot} now, or empty when they may. */
    public Optional<String> refusal(Approver approver, CaseRow approval, SlotRow slot, List<SlotRow> slots,
                                    List<DecisionRow> decisions) {
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
        if (username.equals(approval.requester())) {
            return Optional.of("You made this request; somebody else has to decide it.");
        }
        if (username.equals(approval.beneficiary())) {
            return Optional.of("This request is for you; somebody else has to decide it.");
        }
        if (ownsBeneficiary(username, approval)) {
            return Optional.of("This request is for " + approval.beneficiary() + ", which you own; somebody else has to "
                    + "decide it.");
        }
        if (decisions.stream().anyMatch(d -> d.approver().equals(username))) {
            return Optional.of("You have already decided on this request; every slot needs a different person.");
        }
        if (slot.approver() != null) {
            return slot.approver().equals(username) ? Optional.empty()
                    : Optional.of("This slot is for " + slot.approver() + ".");
        }
        if (!approver.securityOfficer()) {
            return Optional.of("Only a security officer can fill this slot.");
        }
        boolean designatedElsewhere = slots.stream().anyMatch(s -> s.status() == ApprovalStatus.PENDING
                && !s.id().equals(slot.id()) && username.equals(s.approver()));
        return designatedElsewhere
                ? Optional.of("You are the designated approver of another slot of this request; decide that one.")
                : Optional.empty();
    }

    /** Whether the case is for a service account {@code username} owns (a beneficiary other than the requester). */
    private boolean ownsBeneficiary(String username, CaseRow approval) {
        return !approval.beneficiary().equals(approval.requester())
                && serviceAccounts.lookup(approval.beneficiary()).filter(a -> a.owner().equals(username)).isPresent();
    }
}
