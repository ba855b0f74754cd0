package dev.keyward.approvals.internal;

import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

/** The Camunda side of a slot: its user task is completed when the slot is decided. */
@Component
public class ApprovalTasks {

    private final TaskService tasks;

    ApprovalTasks(TaskService tasks) {
        this.tasks = tasks;
    }

    public void complete(String taskId) {
        if (taskId != null && tasks.createTaskQuery().taskId(taskId).count() > 0) {
            tasks.complete(taskId);
        }
    }
}
