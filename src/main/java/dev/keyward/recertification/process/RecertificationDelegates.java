package dev.keyward.recertification.process;

import dev.keyward.recertification.internal.RecertificationWorkflow;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The glue between bpmn/Recertification.bpmn and {@link RecertificationWorkflow}: one workflow call per bean. */
@Configuration
class RecertificationDelegates {

    @Bean
    JavaDelegate snapshotScope(RecertificationWorkflow workflow) {
        return execution -> workflow.launch(campaignId(execution));
    }

    @Bean
    JavaDelegate remindReviewers(RecertificationWorkflow workflow) {
        return execution -> workflow.remind(campaignId(execution));
    }

    @Bean
    JavaDelegate escalateLateReviews(RecertificationWorkflow workflow) {
        return execution -> workflow.escalate(campaignId(execution));
    }

    @Bean
    JavaDelegate applyNoResponseRule(RecertificationWorkflow workflow) {
        return execution -> workflow.applyNoResponse(campaignId(execution));
    }

    @Bean
    JavaDelegate closeCampaign(RecertificationWorkflow workflow) {
        return execution -> workflow.close(campaignId(execution),
                (String) execution.getVariable(RecertificationProcess.CLOSED_BY));
    }

    @Bean
    JavaDelegate launchNextRound(RecertificationWorkflow workflow) {
        return execution -> workflow.launchNextRound(campaignId(execution));
    }

    private static String campaignId(DelegateExecution execution) {
        return (String) execution.getVariable(RecertificationProcess.CAMPAIGN_ID);
    }
}
