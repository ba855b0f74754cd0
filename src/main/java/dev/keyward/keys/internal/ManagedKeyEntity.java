package dev.keyward.keys.internal;

import dev.keyward.hsm.KeyAlgorithm;
import dev.keyward.keys.KeyFacts;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.ManagedKey;
import dev.keyward.keys.Sensitivity;
import dev.keyward.keys.UsableKey;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@Entity
@Table(name = "keys_managed_key")
public class ManagedKeyEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String alias;
    @Enumerated(EnumType.STRING)
    private KeyAlgorithm algorithm;
    @Enumerated(EnumType.STRING)
    private KeyPurpose purpose;
    @Enumerated(EnumType.STRING)
    private Sensitivity sensitivity;
    private String ownerUsername;
    private String backend;
    private String description;
    @Enumerated(EnumType.STRING)
    private KeyState state;
    @Enumerated(EnumType.STRING)
    private KeyState stateBeforeDestroyScheduled;
    private Instant destroyNotBefore;
    private int maxGrantDays;
    private Instant createdAt;
    private String createdBy;
    @Version
    private long version;

    @OneToMany(mappedBy = "key", cascade = CascadeType.ALL)
    @OrderBy("versionNo")
    private List<KeyVersionEntity> versions = new ArrayList<>();

    @OneToMany(mappedBy = "key", cascade = CascadeType.ALL)
    @OrderBy("changedAt, id")
    private List<StateChangeEntity> history = new ArrayList<>();

    protected ManagedKeyEntity() {
    }

    ManagedKeyEntity(String alias, KeyAlgorithm algorithm, KeyPurpose purpose, Sensitivity sensitivity, String owner,
                     String backend, String description, Instant createdAt, String createdBy) {
        this.alias = alias;
        this.algorithm = algorithm;
        this.purpose = purpose;
        this.sensitivity = sensitivity;
        this.ownerUsername = owner;
        this.backend = backend;
        this.description = description;
        this.state = KeyState.PRE_ACTIVATION;
        this.maxGrantDays = sensitivity.maxGrantDays();
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        history.add(new StateChangeEntity(this, null, KeyState.PRE_ACTIVATION, createdAt, createdBy, "created"));
    }

    KeyVersionEntity addVersion(String hsmLabel, String kcv, Instant at, Cryptoperiods.Period period) {
        var v = new KeyVersionEntity(this, versions.size() + 1, hsmLabel, kcv, at, period);
        versions.add(v);
        return v;
    }

    void moveTo(KeyState to, Instant at, String by, String reason) {
        history.add(new StateChangeEntity(this, state, to, at, by, reason));
        state = to;
    }

    public UsableKey toUsableKey() {
        Map<Integer, String> labels = new HashMap<>();
        Map<Integer, String> refused = new HashMap<>();
        Map<Integer, UsableKey.Cryptoperiod> periods = new HashMap<>();
        versions.forEach(v -> {
            labels.put(v.versionNo(), v.hsmLabel());
            periods.put(v.versionNo(), v.cryptoperiod());
            if (v.compromisedAt() != null) {
                refused.put(v.versionNo(), "version " + v.versionNo() + " was marked compromised on "
                        + v.compromisedAt().atZone(ZoneOffset.UTC).toLocalDate() + " and is never used again");
            } else if (v.retiredAt() != null) {
                refused.put(v.versionNo(), "version " + v.versionNo() + " was retired on "
                        + v.retiredAt().atZone(ZoneOffset.UTC).toLocalDate() + " and no longer opens or checks anything");
            }
        });
        return new UsableKey(alias, algorithm, purpose, sensitivity, state, versions.size(), labels, refused, periods);
    }

    public ManagedKey toManagedKey(boolean full) {
        return new ManagedKey(alias, algorithm, purpose, sensitivity, ownerUsername, backend, description, state,
                maxGrantDays, createdAt, destroyNotBefore, !full,
                full ? versions.stream().map(KeyVersionEntity::toVersion).toList() : List.of(),
                full ? history.stream().map(StateChangeEntity::toStateChange).toList() : List.of());
    }

    long id() {
        return id;
    }

    String alias() {
        return alias;
    }

    /** The version new ciphertexts, signatures and MACs use: the highest. */
    KeyVersionEntity currentVersion() {
        return versions.get(versions.size() - 1);
    }

    KeyAlgorithm algorithm() {
        return algorithm;
    }

    KeyPurpose purpose() {
        return purpose;
    }

    Sensitivity sensitivity() {
        return sensitivity;
    }

    public String owner() {
        return ownerUsername;
    }

    KeyState state() {
        return state;
    }

    List<KeyVersionEntity> versions() {
        return versions;
    }

    KeyState stateBeforeDestroyScheduled() {
        return stateBeforeDestroyScheduled;
    }

    void scheduleDestruction(KeyState from, Instant notBefore) {
        stateBeforeDestroyScheduled = from;
        destroyNotBefore = notBefore;
    }

    void cancelDestruction() {
        stateBeforeDestroyScheduled = null;
        destroyNotBefore = null;
    }

    Instant destroyNotBefore() {
        return destroyNotBefore;
    }

    /** The key as approvers of a change to it sign it. */
    KeyFacts facts() {
        return new KeyFacts(id(), alias(), algorithm().name(), purpose(), sensitivity(), owner(), null);
    }
}
