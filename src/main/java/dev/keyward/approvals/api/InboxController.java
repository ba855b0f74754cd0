package dev.keyward.approvals.api;

import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.InboxEntry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's one inbox. */
@RestController
@Tag(name = "Me", description = "The calling person and their personal API tokens")
class InboxController {

    private final ApprovalService approvals;

    InboxController(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @GetMapping("/api/v1/me/inbox")
    @Operation(summary = "What waits for my decision", description = "Approval slots I may decide now (kind approval, "
            + "one each) and recertification reviews (kind review, one line per campaign with how many grants wait), "
            + "each with where to act on it and its deadline.")
    List<InboxEntry> inbox() {
        return approvals.waitingForMe();
    }
}
