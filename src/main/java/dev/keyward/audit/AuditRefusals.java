package dev.keyward.audit;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a refusal (a DENIED or FAILURE event) in a transaction of its own: the refused change rolls back, but
 * the record that somebody tried must stay.
 */
@Component
public class AuditRefusals {

    private final ApplicationEventPublisher events;
    private final TransactionTemplate ownTransaction;

    AuditRefusals(ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.events = events;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public void record(AuditableEvent refusal) {
        ownTransaction.executeWithoutResult(status -> events.publishEvent(refusal));
    }
}
