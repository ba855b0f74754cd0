package dev.keyward.approvals.internal;

import dev.keyward.approvals.ApprovalService;
import dev.keyward.identity.IdentityEvents.RolesChanged;
import dev.keyward.identity.IdentityEvents.StatusChanged;
import dev.keyward.identity.Roles;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * People leaving, coming back or changing roles may leave pending approvals that nobody can finish (or let them finish
 * again): once such a change is committed, the cases it can touch are checked again. A change of a pool role touches
 * every pending case; a person's status only the cases they are designated for, and those flagged already.
 */
@Component
class StaffingWatch {

    private static final Set<String> POOL_ROLES = Set.of(Roles.SECURITY_OFFICER, Roles.ADMIN, Roles.AUDITOR);

    private final ApprovalService approvals;
    private final ApprovalStore store;

    StaffingWatch(ApprovalService approvals, ApprovalStore store) {
        this.approvals = approvals;
        this.store = store;
    }

    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void statusChanged(StatusChanged event) {
        approvals.recheckStaffing(store.pendingCaseIdsConcerning(event.username()));
    }

    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void rolesChanged(RolesChanged event) {
        if (POOL_ROLES.stream().anyMatch(r -> event.before().contains(r) != event.after().contains(r))) {
            approvals.recheckStaffing(store.pendingCaseIds());
        }
    }
}
