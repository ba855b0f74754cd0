package dev.keyward.access.internal;

import dev.keyward.access.Grant;
import dev.keyward.keys.KeyEvents.KeyDestroyed;
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
    private final GrantEnding ending;

    GrantsOfDestroyedKeys(AccessStore store, GrantEnding ending) {
        this.store = store;
        this.ending = ending;
    }

    @EventListener
    void keyDestroyed(KeyDestroyed event) {
        String reason = "The key " + event.alias() + " was destroyed.";
        for (Grant grant : store.grants(event.alias(), null, true, Integer.MAX_VALUE)) {
            ending.revoke(grant, BY, reason);
        }
    }
}
