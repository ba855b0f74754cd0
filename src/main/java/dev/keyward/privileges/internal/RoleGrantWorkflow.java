package dev.keyward.privileges.internal;

import dev.keyward.approvals.Approval;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.ApprovalStatus;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.RoleRequest;
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
    private final PeopleService people;

    RoleGrantWorkflow(RoleRequestService requests, ApprovalService approvals, PeopleService people) {
        this.requests = requests;
        this.approvals = approvals;
        this.people = people;
    }

    public String openApproval(String requestId) {
        RoleRequest request = requests.get(requestId);
        String approvalId = approvals.open(new RoleGrantSubject(request, people.lookup(request.username()).orElseThrow()));
        requests.attachApproval(requestId, approvalId);
        return approvalId;
    }

    /**
     * Applies the role, but only when the approval's every decision approves and verifies now, and identity still
     * allows it. Returns the refusal instead of throwing, so the workflow's transaction survives to record it.
     */
    public Optional<String> grant(String requestId) {
        RoleRequest request = requests.get(requestId);
        Optional<String> unapproved = approvals.get(request.approvalId()).refusalToAct();
        return unapproved.isPresent() ? unapproved : requests.grant(requestId);
    }

    public void refuse(String requestId, String reason) {
        requests.close(requestId, RoleRequestStatus.REFUSED, "Approved, but not applied: " + reason);
    }

    /** Closes a request its approval did not approve, with the rejecter's comment or the expiry. */
    public void closeUnapproved(String requestId) {
        Approval approval = approvals.get(requests.get(requestId).approvalId());
        if (approval.status() == ApprovalStatus.EXPIRED) {
            requests.close(requestId, RoleRequestStatus.EXPIRED, "Not decided in time; the role was not given.");
            return;
        }
        requests.close(requestId, RoleRequestStatus.REJECTED, approval.rejection());
    }
}
