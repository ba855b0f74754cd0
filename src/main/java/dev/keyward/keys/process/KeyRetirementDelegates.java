package dev.keyward.keys.process;

import dev.keyward.keys.internal.KeyRetirementWorkflow;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The glue between bpmn/KeyVersionRetirement.bpmn and {@link KeyRetirementWorkflow}: one workflow call per bean. */
@Configuration
class KeyRetirementDelegates {

    @Bean
    JavaDelegate openRetirementApproval(KeyRetirementWorkflow workflow) {
        return execution -> execution.setVariable(KeyRetirementProcess.APPROVAL_ID,
                workflow.openApproval(retirementId(execution)));
    }

    @Bean
    JavaDelegate retireVersion(KeyRetirementWorkflow workflow) {
        return execution -> {
            Optional<String> refusal = workflow.retire(retirementId(execution));
            if (refusal.isPresent()) {
                throw new BpmnError(KeyRetirementProcess.ERROR_REFUSED, refusal.get());
            }
        };
    }

    @Bean
    JavaDelegate closeUnapprovedRetirement(KeyRetirementWorkflow workflow) {
        return execution -> workflow.closeUnapproved(retirementId(execution));
    }

    private static String retirementId(DelegateExecution execution) {
        return (String) execution.getVariable(KeyRetirementProcess.RETIREMENT_ID);
    }
}
