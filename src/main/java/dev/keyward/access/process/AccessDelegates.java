package dev.keyward.access.process;

import dev.keyward.access.internal.AccessWorkflow;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The glue between bpmn/AccessRequest.bpmn and {@link AccessWorkflow}: each bean maps variables in, calls one
 * workflow method and maps the result out (a refused grant becomes a BPMN error).
 */
@Configuration
class AccessDelegates {

    @Bean
    JavaDelegate openAccessApproval(AccessWorkflow workflow) {
        return execution -> execution.setVariable(AccessRequestProcess.APPROVAL_ID, workflow.openApproval(requestId(execution)));
    }

    @Bean
    JavaDelegate grantAccess(AccessWorkflow workflow) {
        return execution -> {
            AccessWorkflow.Provisioning result = workflow.provision(requestId(execution));
            if (result.refusal() != null) {
                throw new BpmnError(AccessRequestProcess.ERROR_GRANT_REFUSED, result.refusal());
            }
            execution.setVariable(AccessRequestProcess.GRANT_ID, result.grantId());
        };
    }

    @Bean
    JavaDelegate refuseGrant(AccessWorkflow workflow) {
        return execution -> workflow.refuse(requestId(execution),
                (String) execution.getVariable(AccessRequestProcess.REFUSAL));
    }

    @Bean
    JavaDelegate closeUnapprovedRequest(AccessWorkflow workflow) {
        return execution -> workflow.closeUnapproved(requestId(execution));
    }

    @Bean
    JavaDelegate expireGrant(AccessWorkflow workflow) {
        return execution -> workflow.expireGrant(requestId(execution));
    }

    private static String requestId(DelegateExecution execution) {
        return (String) execution.getVariable(AccessRequestProcess.REQUEST_ID);
    }
}
