package dev.keyward.keys.process;

import dev.keyward.keys.internal.KeyStateRequestWorkflow;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The glue between bpmn/KeyStateChange.bpmn and {@link KeyStateRequestWorkflow}: one workflow call per bean. */
@Configuration
class KeyStateChangeDelegates {

    @Bean
    JavaDelegate openStateChangeApproval(KeyStateRequestWorkflow workflow) {
        return execution -> execution.setVariable(KeyStateChangeProcess.APPROVAL_ID, workflow.openApproval(requestId(execution)));
    }

    @Bean
    JavaDelegate changeKeyState(KeyStateRequestWorkflow workflow) {
        return execution -> workflow.apply(requestId(execution));
    }

    @Bean
    JavaDelegate closeUnapprovedStateChange(KeyStateRequestWorkflow workflow) {
        return execution -> workflow.closeUnapproved(requestId(execution));
    }

    private static String requestId(DelegateExecution execution) {
        return (String) execution.getVariable(KeyStateChangeProcess.REQUEST_ID);
    }
}
