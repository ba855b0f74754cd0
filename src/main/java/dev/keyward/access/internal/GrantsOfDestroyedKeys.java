package dev.keyward.access.internal;

import dev.keyward.access.AccessEvents.AccessRevoked;
import dev.keyward.access.Grant;
import dev.keyward.access.GrantStatus;
import dev.keyward.access.process.AccessRequestProcess;
import dev.keyward.keys.KeyEvents.KeyDestroyed;
import java.time.Clock;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * No grant outlives its key: when a key is destroyed (its approvers may have signed an override for grants still
 * active), its remaining grants are revoked in the same transaction, each audited, and their processes told, as a
 * manual revocation would.
 */
@Component
class GrantsOfDestroyedKeys {

    static final String BY = "keyward-destruction";

    private final AccessStore store;
    private final RuntimeService runtime;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    GrantsOfDestroyedKeys(AccessStore store, RuntimeService runtime, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.runtime = runtime;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void keyDestroyed(KeyDestroyed event) {
        String reason = "The key " + event.alias() + " was destroyed.";
        for (Grant grant : store.grants(event.alias(), null, true, Integer.MAX_VALUE)) {
            if (store.end(grant.id(), GrantStatus.REVOKED, BY, reason, clock.instant())) {
                events.publishEvent(new AccessRevoked(grant.id(), grant.principal(), grant.key(), reason));
                runtime.createMessageCorrelation(AccessRequestProcess.MESSAGE_GRANT_REVOKED)
                        .processInstanceBusinessKey(grant.originRequest()).correlateAll();
            }
        }
    }
}
