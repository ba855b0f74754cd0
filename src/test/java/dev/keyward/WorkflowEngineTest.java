package dev.keyward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.support.IntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The embedded Camunda engine deploys the models under bpmn/ and runs them on Keyward's database. */
class WorkflowEngineTest extends IntegrationTest {

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;

    @Test
    void deploysAndRunsTheEngineCheck() {
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("WorkflowEngineCheck").count())
                .isPositive();
        var instance = runtime.startProcessInstanceByKey("WorkflowEngineCheck");
        assertThat(instance.isEnded()).isTrue();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId("Event_EngineChecked").count()).isEqualTo(1);
    }
}
