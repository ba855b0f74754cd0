package dev.keyward.access.internal;

import dev.keyward.access.AccessEvents.AccessRevoked;
import dev.keyward.access.Grant;
import dev.keyward.access.GrantStatus;
import dev.keyward.access.process.AccessRequestProcess;
import java.time.Clock;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The one way a grant is revoked, whoever decided it (its key's owner or an officer by hand, a recertification
 * reviewer, a campaign's no-response rule): its row ends, the revocation is audited and empties the crypto API's
 * caches when it commits, and the request's process hears of it. Runs in the caller's transaction.
 */
@Component
public class GrantEnding {

    private final AccessStore store;
    private final RuntimeService runtime;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    GrantEnding(AccessStore store, RuntimeService runtime, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.runtime = runtime;
        this.events = events;
        this.clock = clock;
    }

    /** False when the grant had already ended. */
    public boolean revoke(Grant grant, String by, String reason) {
        if (!store.end(grant.id(), GrantStatus.REVOKED, by, reason, clock.instant())) {
            return false;
        }
        events.publishEvent(new AccessRevoked(grant.id(), grant.principal(), grant.key(), reason));
        runtime.createMessageCorrelation(AccessRequestProcess.MESSAGE_GRANT_REVOKED)
                .processInstanceBusinessKey(grant.originRequest()).correlateAll();
        return true;
    }
}
