package dev.keyward.privileges.process;

import dev.keyward.privileges.internal.RoleGrantWorkflow;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The glue between bpmn/RoleGrant.bpmn and {@link RoleGrantWorkflow}: one workflow call per bean. */
@Configuration
class RoleGrantDelegates {

    @Bean
    JavaDelegate openRoleApproval(RoleGrantWorkflow workflow) {
        return execution -> execution.setVariable(RoleGrantProcess.APPROVAL_ID, workflow.openApproval(requestId(execution)));
    }

    @Bean
    JavaDelegate grantRole(RoleGrantWorkflow workflow) {
        return execution -> {
            Optional<String> refusal = workflow.grant(requestId(execution));
            if (refusal.isPresent()) {
                throw new BpmnError(RoleGrantProcess.ERROR_ROLE_REFUSED, refusal.get());
            }
        };
    }

    @Bean
    JavaDelegate refuseRole(RoleGrantWorkflow workflow) {
        return execution -> workflow.refuse(requestId(execution), (String) execution.getVariable(RoleGrantProcess.REFUSAL));
    }

    @Bean
    JavaDelegate closeUnapprovedRoleRequest(RoleGrantWorkflow workflow) {
        return execution -> workflow.closeUnapproved(requestId(execution));
    }

    private static String requestId(DelegateExecution execution) {
        return (String) execution.getVariable(RoleGrantProcess.REQUEST_ID);
    }
}
