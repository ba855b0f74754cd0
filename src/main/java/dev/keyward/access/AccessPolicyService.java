package dev.keyward.access;

import dev.keyward.access.AccessEvents.PolicyAcknowledged;
import dev.keyward.access.internal.AccessStore;
import dev.keyward.common.InvalidInputException;
import dev.keyward.identity.CurrentUser;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The key-handling policy people acknowledge (PCI DSS 3.7.8) before their first request and after each change. */
@Service
@Transactional
@PreAuthorize("isAuthenticated()")
public class AccessPolicyService {

    private final AccessStore store;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AccessPolicyService(AccessStore store, CurrentUser currentUser, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public AccessPolicy current() {
        return store.currentPolicy();
    }

    @Transactional(readOnly = true)
    public boolean acknowledgedCurrent() {
        return store.acknowledged(currentUser.requireUsername(), store.currentPolicy().version());
    }

    /** Records that the signed-in person acknowledged {@code version}, which must be the one in force. */
    public AccessPolicy acknowledge(int version) {
        AccessPolicy policy = store.currentPolicy();
        if (version != policy.version()) {
            throw new InvalidInputException("Version " + version + " is not the policy in force; acknowledge version "
                    + policy.version() + ".");
        }
        String me = currentUser.requireUsername();
        if (!store.acknowledged(me, version)) {
            store.acknowledge(me, version, clock.instant());
            events.publishEvent(new PolicyAcknowledged(me, version));
        }
        return policy;
    }
}
