package dev.keyward.keys;

import java.util.EnumSet;
import java.util.Set;

/**
 * The NIST SP 800-57 key states and the transitions between them. DESTROY_SCHEDULED may only go back to the
 * state it came from (cancel) or on to DESTROYED once the waiting period is over; the service checks both.
 */
public enum KeyState {
    PRE_ACTIVATION, ACTIVE, SUSPENDED, DEACTIVATED, COMPROMISED, DESTROY_SCHEDULED, DESTROYED;

    /** How people read it in the UI (the API keeps the code). */
    public String label() {
        return switch (this) {
            case PRE_ACTIVATION -> "Pre-activation";
            case ACTIVE -> "Active";
            case SUSPENDED -> "Suspended";
            case DEACTIVATED -> "Deactivated";
            case COMPROMISED -> "Compromised";
            case DESTROY_SCHEDULED -> "Destruction scheduled";
            case DESTROYED -> "Destroyed";
        };
    }

    /** The states a key in this state may move to. */
    public Set<KeyState> next() {
        return switch (this) {
            case PRE_ACTIVATION -> EnumSet.of(ACTIVE, COMPROMISED);
            case ACTIVE -> EnumSet.of(SUSPENDED, DEACTIVATED, COMPROMISED);
            case SUSPENDED -> EnumSet.of(ACTIVE, DEACTIVATED, COMPROMISED);
            case DEACTIVATED -> EnumSet.of(COMPROMISED, DESTROY_SCHEDULED);
            case COMPROMISED -> EnumSet.of(DESTROY_SCHEDULED);
            case DESTROY_SCHEDULED -> EnumSet.of(DEACTIVATED, COMPROMISED, DESTROYED);
            case DESTROYED -> EnumSet.noneOf(KeyState.class);
        };
    }

    public boolean canMoveTo(KeyState target) {
        return next().contains(target);
    }
}
