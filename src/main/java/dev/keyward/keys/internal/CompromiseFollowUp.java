package dev.keyward.keys.internal;

import dev.keyward.identity.CurrentUser;
import dev.keyward.keys.KeyEvents.KeyStateChanged;
import dev.keyward.keys.KeyRotationService;
import dev.keyward.keys.KeyState;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Marking a key in use COMPROMISED stays immediate (it only narrows use); the follow-up opens with it, in the same
 * transaction: an emergency rotation, asked by whoever marked it, that two other security officers decide within hours.
 * Moves nobody signed in made (the demo data's history) open none.
 */
@Component
class CompromiseFollowUp {

    private final KeyRotationService rotations;
    private final CurrentUser currentUser;

    CompromiseFollowUp(KeyRotationService rotations, CurrentUser currentUser) {
        this.rotations = rotations;
        this.currentUser = currentUser;
    }

    @EventListener
    void compromised(KeyStateChanged event) {
        if (event.to() == KeyState.COMPROMISED && (event.from() == KeyState.ACTIVE || event.from() == KeyState.SUSPENDED)
                && currentUser.username().isPresent()) {
            rotations.openEmergency(event.alias(), event.reason());
        }
    }
}
