package dev.keyward.approvals.internal;

import dev.keyward.approvals.process.ApprovalProcess;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** The engine side of a case: its Approval process waits until told the case is settled. */
@Component
public class ApprovalMessages {

    private final RuntimeService runtime;

    ApprovalMessages(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /**
     * Tells the case's Approval process (business key: the approval id) that every slot approved or one rejected,
     * in the caller's transaction. A case opened without a process (none waits) is left to its caller.
     */
    public void settled(String approvalId) {
        runtime.createMessageCorrelation(ApprovalProcess.SETTLED).processInstanceBusinessKey(approvalId).correlateAll();
    }
}
