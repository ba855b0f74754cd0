package dev.keyward.keys.process;

import dev.keyward.keys.internal.RotationScheduler;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The glue between bpmn/KeyRotationSchedule.bpmn and {@link RotationScheduler}. */
@Configuration
class RotationScheduleDelegates {

    @Bean
    JavaDelegate sweepRotationSchedule(RotationScheduler scheduler) {
        return execution -> scheduler.sweep();
    }
}
