package dev.keyward.keys.internal;

import dev.keyward.approvals.ApprovalSubject;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.KeyStateRequestService;
import dev.keyward.keys.internal.KeyStateRequestStore.Row;
import java.util.List;
import java.util.Map;

/**
 * Re-activating or deactivating a key before its approvers: the key owner (their manager when the owner asked) and a
 * security officer, who sign the move and why.
 *
 * @param ownersManager the key owner's manager in the org chart (null when there is none)
 */
record KeyStateRequestSubject(Row request, ManagedKeyEntity key, String ownersManager) implements ApprovalSubject {

    static final String TYPE = "key-state-change";

    /** What every approver of a state change signs. */
    record Facts(String type, String request, KeyFacts key, KeyState from, KeyState to, String reason, String requester) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String id() {
        return request.id();
    }

    @Override
    public String requester() {
        return request.requester();
    }

    @Override
    public String summary() {
        return request.requester() + " asks to " + (request.to() == KeyState.ACTIVE ? "re-activate " : "deactivate ")
                + key.alias() + " (" + key.sensitivity() + ")";
    }

    @Override
    public Facts facts() {
        return new Facts(TYPE, request.id(), KeyFacts.of(key), request.from(), request.to(), request.reason(), request.requester());
    }

    /** The review a suspension opens follows a move already made: flagged when nobody can decide it, never refused. */
    @Override
    public boolean followUp() {
        return request.reason().startsWith(KeyStateRequestService.SUSPENSION_REVIEW);
    }

    @Override
    public Map<String, String> conflicted() {
        return Map.of(request.requester(), "You asked for this change; somebody else has to decide it.");
    }

    @Override
    public List<RequiredSlot> slots() {
        return OwnerAndOfficers.slots(key, request.requester(), ownersManager, 1);
    }
}
