package dev.keyward.keys.internal;

import dev.keyward.approvals.ApprovalSubject;
import dev.keyward.keys.KeyFacts;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.KeyStateRequestService;
import dev.keyward.keys.internal.KeyStateRequestStore.Row;
import java.util.Map;

/**
 * Re-activating or deactivating a key before its approvers: the key owner (their manager when the owner asked) and a
 * security officer, who sign the move and why. The review a suspension opens follows a move already made: flagged
 * when nobody can decide it, never refused.
 */
final class KeyStateRequestSubject {

    static final String TYPE = "key-state-change";

    /** What every approver of a state change signs. */
    record Facts(String type, String request, KeyFacts key, KeyState from, KeyState to, String reason, String requester) {
    }

    private KeyStateRequestSubject() {
    }

    /** @param ownersManager the key owner's manager in the org chart (null when there is none) */
    static ApprovalSubject of(Row request, ManagedKeyEntity key, String ownersManager) {
        return ApprovalSubject.of(TYPE, request.id(), request.requester(),
                request.requester() + " asks to " + (request.to() == KeyState.ACTIVE ? "re-activate " : "deactivate ")
                        + key.alias() + " (" + key.sensitivity() + ")",
                new Facts(TYPE, request.id(), key.facts(), request.from(), request.to(), request.reason(), request.requester()),
                Map.of(request.requester(), "You asked for this change; somebody else has to decide it."),
                OwnerAndOfficers.slots(key, request.requester(), ownersManager, 1))
                .followUp(request.reason().startsWith(KeyStateRequestService.SUSPENSION_REVIEW));
    }
}
