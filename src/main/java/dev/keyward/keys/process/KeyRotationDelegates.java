package dev.keyward.keys.process;

import dev.keyward.keys.internal.KeyRotationWorkflow;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The glue between bpmn/KeyRotation.bpmn and {@link KeyRotationWorkflow}: one workflow call per bean. */
@Configuration
class KeyRotationDelegates {

    @Bean
    JavaDelegate openRotationApproval(KeyRotationWorkflow workflow) {
        return execution -> execution.setVariable(KeyRotationProcess.APPROVAL_ID, workflow.openApproval(rotationId(execution)));
    }

    @Bean
    JavaDelegate rotateKey(KeyRotationWorkflow workflow) {
        return execution -> {
            Optional<String> failure = workflow.rotate(rotationId(execution));
            if (failure.isPresent()) {
                throw new BpmnError(KeyRotationProcess.ERROR_ROTATION_FAILED, failure.get());
            }
        };
    }

    @Bean
    JavaDelegate recordRotationFailure(KeyRotationWorkflow workflow) {
        return execution -> workflow.fail(rotationId(execution), (String) execution.getVariable(KeyRotationProcess.FAILURE));
    }

    @Bean
    JavaDelegate closeUnapprovedRotation(KeyRotationWorkflow workflow) {
        return execution -> workflow.closeUnapproved(rotationId(execution));
    }

    private static String rotationId(DelegateExecution execution) {
        return (String) execution.getVariable(KeyRotationProcess.ROTATION_ID);
    }
}
