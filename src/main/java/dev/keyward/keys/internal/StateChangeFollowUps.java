package dev.keyward.keys.internal;

import dev.keyward.identity.CurrentUser;
import dev.keyward.keys.KeyEvents.KeyStateChanged;
import dev.keyward.keys.KeyRotationService;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.KeyStateRequestService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Moves that only narrow use stay immediate for one person; their follow-up opens with them, in the same transaction,
 * asked by whoever made the move. Marking a key in use COMPROMISED opens an emergency rotation that two other security
 * officers decide within hours; suspending an ACTIVE key opens a review (should it be re-activated?) for the key owner
 * and a security officer. Moves nobody signed in made (the demo data's history) open none.
 */
@Component
class StateChangeFollowUps {

    private final KeyRotationService rotations;
    private final KeyStateRequestService stateRequests;
    private final CurrentUser currentUser;

    StateChangeFollowUps(KeyRotationService rotations, KeyStateRequestService stateRequests, CurrentUser currentUser) {
        this.rotations = rotations;
        this.stateRequests = stateRequests;
        this.currentUser = currentUser;
    }

    @EventListener
    void followUp(KeyStateChanged event) {
        if (currentUser.username().isEmpty()) {
            return;
        }
        if (event.to() == KeyState.COMPROMISED && (event.from() == KeyState.ACTIVE || event.from() == KeyState.SUSPENDED)) {
            rotations.openEmergency(event.alias(), event.reason());
        }
        if (event.to() == KeyState.SUSPENDED && event.from() == KeyState.ACTIVE) {
            stateRequests.openSuspensionReview(event.alias(), event.reason());
        }
    }
}
