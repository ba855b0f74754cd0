package dev.keyward.audit.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The witnesses the sealer hands every signed checkpoint to: the append-only file always, syslog when set. */
@Configuration(proxyBeanMethods = false)
class AuditWitnessConfiguration {

    @Bean
    FileWitness fileWitness(AuditProperties properties) {
        return new FileWitness(properties.witness().file());
    }

    @Bean
    @ConditionalOnProperty("keyward.audit.witness.syslog")
    SyslogWitness syslogWitness(AuditProperties properties) {
        return new SyslogWitness(properties.witness().syslog());
    }
}
