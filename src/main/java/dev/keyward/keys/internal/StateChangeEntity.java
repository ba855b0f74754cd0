package dev.keyward.keys.internal;

import dev.keyward.keys.KeyState;
import dev.keyward.keys.ManagedKey;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "keys_state_change")
class StateChangeEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "key_id")
    private ManagedKeyEntity key;
    @Enumerated(EnumType.STRING)
    private KeyState fromState;
    @Enumerated(EnumType.STRING)
    private KeyState toState;
    private Instant changedAt;
    private String changedBy;
    private String reason;

    protected StateChangeEntity() {
    }

    StateChangeEntity(ManagedKeyEntity key, KeyState from, KeyState to, Instant at, String by, String reason) {
        this.key = key;
        this.fromState = from;
        this.toState = to;
        this.changedAt = at;
        this.changedBy = by;
        this.reason = reason;
    }

    ManagedKey.StateChange toStateChange() {
        return new ManagedKey.StateChange(fromState, toState, changedAt, changedBy, reason);
    }
}
