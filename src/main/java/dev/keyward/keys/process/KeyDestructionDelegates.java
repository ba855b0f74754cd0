package dev.keyward.keys.process;

import dev.keyward.keys.internal.KeyDestructionWorkflow;
import dev.keyward.keys.internal.KeyDestructionWorkflow.Refused;
import java.util.Date;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The glue between bpmn/KeyDestruction.bpmn and {@link KeyDestructionWorkflow}: one workflow call per bean. */
@Configuration
class KeyDestructionDelegates {

    @Bean
    JavaDelegate openDestructionApproval(KeyDestructionWorkflow workflow) {
        return execution -> execution.setVariable(KeyDestructionProcess.APPROVAL_ID,
                workflow.openApproval(destructionId(execution)));
    }

    @Bean
    JavaDelegate scheduleDestruction(KeyDestructionWorkflow workflow) {
        return execution -> {
            KeyDestructionWorkflow.Wait wait = refusedAsError(() -> workflow.schedule(destructionId(execution)));
            execution.setVariable(KeyDestructionProcess.REMIND_AT, Date.from(wait.remindAt()));
            execution.setVariable(KeyDestructionProcess.DESTROY_AT, Date.from(wait.destroyAt()));
        };
    }

    @Bean
    JavaDelegate remindOfDestruction(KeyDestructionWorkflow workflow) {
        return execution -> workflow.remind(destructionId(execution));
    }

    @Bean
    JavaDelegate destroyKey(KeyDestructionWorkflow workflow) {
        return execution -> refusedAsError(() -> {
            workflow.destroy(destructionId(execution));
            return null;
        });
    }

    @Bean
    JavaDelegate recordDestructionRefusal(KeyDestructionWorkflow workflow) {
        return execution -> workflow.refuse(destructionId(execution),
                (String) execution.getVariable(KeyDestructionProcess.REFUSAL));
    }

    @Bean
    JavaDelegate closeUnapprovedDestruction(KeyDestructionWorkflow workflow) {
        return execution -> workflow.closeUnapproved(destructionId(execution));
    }

    private static <T> T refusedAsError(Supplier<T> step) {
        try {
            return step.get();
        } catch (Refused refused) {
            throw new BpmnError(KeyDestructionProcess.ERROR_REFUSED, refused.getMessage());
        }
    }

    private static String destructionId(DelegateExecution execution) {
        return (String) execution.getVariable(KeyDestructionProcess.DESTRUCTION_ID);
    }
}
