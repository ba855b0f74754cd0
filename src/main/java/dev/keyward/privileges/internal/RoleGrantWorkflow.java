package dev.keyward.privileges.internal;

import dev.keyward.approvals.Approval;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.identity.RoleRequestService;
import dev.keyward.identity.RoleRequestStatus;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What the RoleGrant process does at each step; its delegates call only this. */
@Component
@Transactional
public class RoleGrantWorkflow {

    private final RoleRequestService requests;
    private final ApprovalService approvals;
    private final RoleGrantApprovals engine;

    RoleGrantWorkflow(RoleRequestService requests, ApprovalService approvals, RoleGrantApprovals engine) {
        this.requests = requests;
        this.approvals = approvals;
        this.engine = engine;
    }

    public String openApproval(String requestId) {
        String approvalId = approvals.open(engine.subject(requests.get(requestId)));
        requests.attachApproval(requestId, approvalId);
        return approvalId;
    }

    /**
     * Applies the role; identity asks the engine ({@link RoleGrantApprovals}) to authorize exactly this request first.
     * Returns the refusal instead of throwing, so the workflow's transaction survives to record it.
     */
    public Optional<String> grant(String requestId) {
        return requests.grant(requestId);
    }

    public void refuse(String requestId, String reason) {
        requests.close(requestId, RoleRequestStatus.REFUSED, "Approved, but not applied: " + reason);
    }

    /** Closes a request its approval did not approve, with the rejecter's comment or the expiry. */
    public void closeUnapproved(String requestId) {
        Approval.Ending ending = approvals.get(requests.get(requestId).approvalId()).ending("the role was not given");
        requests.close(requestId, RoleRequestStatus.valueOf(ending.status().name()), ending.outcome());
    }
}
