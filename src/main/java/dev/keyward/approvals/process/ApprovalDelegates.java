package dev.keyward.approvals.process;

import dev.keyward.approvals.internal.ApprovalWorkflow;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The glue between bpmn/Approval.bpmn and {@link ApprovalWorkflow}: each bean maps variables in, calls one
 * workflow method and maps the result out.
 */
@Configuration
class ApprovalDelegates {

    @Bean
    JavaDelegate remindApprovers(ApprovalWorkflow workflow) {
        return execution -> workflow.remind((String) execution.getVariable(ApprovalProcess.APPROVAL_ID));
    }

    @Bean
    JavaDelegate escalateApprovalSlots(ApprovalWorkflow workflow) {
        return execution -> workflow.escalate((String) execution.getVariable(ApprovalProcess.APPROVAL_ID));
    }

    @Bean
    JavaDelegate expireApproval(ApprovalWorkflow workflow) {
        return execution -> execution.setVariable(ApprovalProcess.OUTCOME,
                workflow.expire((String) execution.getVariable(ApprovalProcess.APPROVAL_ID)).name());
    }

    @Bean
    JavaDelegate concludeApproval(ApprovalWorkflow workflow) {
        return execution -> execution.setVariable(ApprovalProcess.OUTCOME,
                workflow.conclude((String) execution.getVariable(ApprovalProcess.APPROVAL_ID)).name());
    }
}
