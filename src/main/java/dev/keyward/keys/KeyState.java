package dev.keyward.keys;

import java.util.EnumSet;
import java.util.Set;

/**
 * The NIST SP 800-57 key states and the transitions between them. Any key may be scheduled for destruction (an
 * approved change); DESTROY_SCHEDULED only goes back to the state it came from (cancelled or refused) or on to
 * DESTROYED once the waiting period is over, both through the destruction workflow. A COMPROMISED key becomes ACTIVE
 * again only through an approved emergency rotation, with a new version; its compromised versions stay unusable.
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
            case PRE_ACTIVATION -> EnumSet.of(ACTIVE, COMPROMISED, DESTROY_SCHEDULED);
            case ACTIVE -> EnumSet.of(SUSPENDED, DEACTIVATED, COMPROMISED, DESTROY_SCHEDULED);
            case SUSPENDED -> EnumSet.of(ACTIVE, DEACTIVATED, COMPROMISED, DESTROY_SCHEDULED);
            case DEACTIVATED -> EnumSet.of(COMPROMISED, DESTROY_SCHEDULED);
            case COMPROMISED -> EnumSet.of(ACTIVE, DESTROY_SCHEDULED);
            case DESTROY_SCHEDULED -> EnumSet.of(PRE_ACTIVATION, ACTIVE, SUSPENDED, DEACTIVATED, COMPROMISED, DESTROYED);
            case DESTROYED -> EnumSet.noneOf(KeyState.class);
        };
    }

    /**
     * The moves that lose data or widen use, which one person asks for and the key owner and a security officer approve:
     * re-activating a suspended key, deactivating a key.
     */
    public Set<KeyState> approvedMoves() {
        Set<KeyState> moves = EnumSet.noneOf(KeyState.class);
        if (this == SUSPENDED) {
            moves.add(ACTIVE);
        }
        if (this == ACTIVE || this == SUSPENDED) {
            moves.add(DEACTIVATED);
        }
        return moves;
    }

    /**
     * The moves one person makes directly (a state change request): those that only narrow use (suspend, mark
     * compromised) and a new key's first activation; not the {@link #approvedMoves()}, the destruction's moves or the
     * way back from COMPROMISED, which only approved workflows make (destruction; emergency rotation, whose new version
     * makes the key ACTIVE again).
     */
    public Set<KeyState> directMoves() {
        if (this == DESTROY_SCHEDULED) {
            return EnumSet.noneOf(KeyState.class);
        }
        Set<KeyState> moves = EnumSet.noneOf(KeyState.class);
        next().stream().filter(s -> s != DESTROY_SCHEDULED && s != DESTROYED && !(this == COMPROMISED && s == ACTIVE)
                        && !approvedMoves().contains(s))
                .forEach(moves::add);
        return moves;
    }

    public boolean canMoveTo(KeyState target) {
        return next().contains(target);
    }
}
