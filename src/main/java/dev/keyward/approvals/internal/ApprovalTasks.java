package dev.keyward.approvals.internal;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.springframework.stereotype.Component;

/** The Camunda side of a slot: its user task is completed when the slot is decided. */
@Component
public class ApprovalTasks {

    private final TaskService tasks;

    ApprovalTasks(TaskService tasks) {
        this.tasks = tasks;
    }

    public void complete(String taskId) {
        if (taskId == null) {
            return;
        }
        try {
            tasks.complete(taskId);
        } catch (NullValueException gone) {
            // The task ended already (the approval expired or another slot rejected): nothing left to complete.
        }
    }
}
