package dev.keyward.privileges.internal;

import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.ApprovalSubject;
import dev.keyward.approvals.NotAuthorizedException;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.RoleApprovals;
import dev.keyward.identity.RoleRequest;
import dev.keyward.privileges.process.RoleGrantProcess;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * The approval engine behind identity's privileged role requests: starts bpmn/RoleGrant.bpmn for each request, and
 * answers identity, right before it applies a role, whether the engine authorizes exactly that request now.
 */
@Component
class RoleGrantApprovals implements RoleApprovals {

    private final RuntimeService runtime;
    private final ApprovalService approvals;
    private final PeopleService people;

    RoleGrantApprovals(RuntimeService runtime, ApprovalService approvals, PeopleService people) {
        this.runtime = runtime;
        this.approvals = approvals;
        this.people = people;
    }

    @Override
    public void start(RoleRequest request) {
        runtime.startProcessInstanceByKey(RoleGrantProcess.KEY, request.id(),
                Map.of(RoleGrantProcess.REQUEST_ID, request.id()));
    }

    @Override
    public Optional<String> refusalToApply(RoleRequest request) {
        try {
            approvals.authorize(request.approvalId(), subject(request));
            return Optional.empty();
        } catch (NotAuthorizedException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The request as its approvers see it, now. */
    ApprovalSubject subject(RoleRequest request) {
        return RoleGrantSubject.of(request, people.lookup(request.username()).orElseThrow());
    }
}
