package dev.keyward.approvals.api;

import dev.keyward.approvals.Approval;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.ApprovalStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Approval cases as their requesters act on them. */
@RestController
@RequestMapping("/api/v1/approvals")
@Tag(name = "Approvals", description = "Approval cases of every governed change")
class ApprovalsController {

    private final ApprovalService approvals;

    ApprovalsController(ApprovalService approvals) {
        this.approvals = approvals;
    }

    /** A case as its requester sees it once it ended. */
    record CaseView(String id, String subjectType, String subjectId, String summary, ApprovalStatus status,
                    Instant concludedAt) {

        static CaseView of(Approval a) {
            return new CaseView(a.id(), a.subjectType(), a.subjectId(), a.summary(), a.status(), a.concludedAt());
        }
    }

    @PostMapping("/{id}/withdrawal")
    @Operation(summary = "Withdraw my pending request", description = "The requester calls off a pending approval of any "
            + "kind (access, role, rotation, retirement, state change, destruction): status WITHDRAWN, it leaves the "
            + "approvers' inboxes and the request it decided closes as withdrawn. 403 for anybody else, 409 once it "
            + "has ended.")
    CaseView withdraw(@PathVariable String id) {
        return CaseView.of(approvals.withdraw(id));
    }
}
