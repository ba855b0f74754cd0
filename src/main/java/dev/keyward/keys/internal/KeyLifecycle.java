package dev.keyward.keys.internal;

import dev.keyward.approvals.Authorization;
import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import dev.keyward.hsm.HsmBackend;
import dev.keyward.hsm.KeyAlgorithm;
import dev.keyward.hsm.KeyHandle;
import dev.keyward.identity.PeopleService;
import dev.keyward.keys.KeyEvents.KeyCreated;
import dev.keyward.keys.KeyEvents.KeyStateChanged;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.NewKey;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of the key inventory, whoever calls: creating a key (on the HSM, then in the inventory) and moving it
 * through the lifecycle. A refused change changes nothing. {@code KeyService} decides who may call.
 */
@Component
@Transactional
public class KeyLifecycle {

    static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9-]{2,63}");
    /** What a key's owner may do alone: activate and suspend. */
    private static final Set<KeyState> OWNER_TARGETS = EnumSet.of(KeyState.ACTIVE, KeyState.SUSPENDED);

    private final ManagedKeyRepository keys;
    private final KeyDestructionStore destructions;
    private final HsmBackend hsm;
    private final PeopleService people;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    KeyLifecycle(ManagedKeyRepository keys, KeyDestructionStore destructions, HsmBackend hsm, PeopleService people,
                 ApplicationEventPublisher events, Clock clock) {
        this.keys = keys;
        this.destructions = destructions;
        this.hsm = hsm;
        this.people = people;
        this.events = events;
        this.clock = clock;
    }

    public ManagedKeyEntity create(NewKey request, String actor) {
        if (request.alias() == null || !ALIAS.matcher(request.alias()).matches()) {
            throw new InvalidInputException("alias", "An alias is 3 to 64 characters: lower-case letters, digits and '-', "
                    + "starting with a letter.");
        }
        if (request.purpose() == null || request.sensitivity() == null) {
            throw new InvalidInputException("purpose", "A key needs a purpose (ENCRYPT, SIGN, MAC, WRAP) and a sensitivity "
                    + "(LOW, MEDIUM, HIGH, CRITICAL).");
        }
        KeyAlgorithm algorithm = AlgorithmPolicy.check(request.algorithm(), request.purpose());
        if (!people.isActive(request.owner())) {
            throw new InvalidInputException("owner", "The owner must be an active person; '" + request.owner() + "' is not.");
        }
        if (request.description() != null && request.description().length() > 1000) {
            throw new InvalidInputException("description", "A description is at most 1000 characters.");
        }
        if (keys.findByAlias(request.alias()).isPresent()) {
            throw new ConflictException("The alias '" + request.alias() + "' is taken.");
        }
        Instant now = clock.instant();
        String label = "kw-" + request.alias() + "-v1";
        KeyHandle handle = hsm.generate(label, algorithm);
        var key = new ManagedKeyEntity(request.alias(), algorithm, request.purpose(), request.sensitivity(),
                request.owner(), hsm.name(), request.description(), now, actor);
        key.addVersion(label, handle.kcv(), now, Cryptoperiods.of(request.purpose(), request.sensitivity()));
        keys.save(key);
        events.publishEvent(new KeyCreated(key.alias(), algorithm.name(), key.purpose(), key.sensitivity(), key.owner(),
                handle.kcv()));
        return key;
    }

    /**
     * Moves a key to {@code to}. Security officers may make any allowed move; the key's owner may only activate
     * and suspend it; everybody else nothing.
     */
    public ManagedKeyEntity transition(String alias, KeyState to, String reason, String actor, boolean securityOfficer) {
        if (to == null) {
            throw new InvalidInputException("state", "Say which state the key should move to.");
        }
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new InvalidInputException("reason", "Give a reason (1 to 1000 characters); it is kept in the key's history.");
        }
        ManagedKeyEntity key = load(alias);
        KeyState from = key.state();
        if (!securityOfficer && !(actor.equals(key.owner()) && OWNER_TARGETS.contains(to))) {
            throw new AccessDeniedException("Only a security officer, or for activation and suspension the key's owner, "
                    + "may change this key's state.");
        }
        if (to == KeyState.DESTROY_SCHEDULED || to == KeyState.DESTROYED) {
            throw new ConflictException("Destroying a key is an approved change: request its destruction (Request "
                    + "destruction on the key's page, or POST /api/v1/keys/" + alias + "/destructions); two security "
                    + "officers approve it and a waiting period follows.");
        }
        if (from == KeyState.DESTROY_SCHEDULED && to == KeyState.COMPROMISED) {
            return compromisedWhileScheduled(key, reason.strip(), actor);
        }
        if (from == KeyState.DESTROY_SCHEDULED) {
            throw new ConflictException(alias + " is scheduled for destruction; cancel the destruction to use it "
                    + "again, which returns it to " + key.stateBeforeDestroyScheduled() + ".");
        }
        if (from.approvedMoves().contains(to)) {
            throw new ConflictException((to == KeyState.ACTIVE ? "Re-activating" : "Deactivating") + " a key is an "
                    + "approved change: request it (on the key's page, or POST /api/v1/keys/" + alias + "/state-requests); "
                    + "the key owner and a security officer approve it.");
        }
        if (!from.directMoves().contains(to)) {
            throw new ConflictException("A key in state " + from + " cannot move to " + to + "; it may move to "
                    + from.directMoves() + ".");
        }
        return move(key, to, reason.strip(), actor);
    }

    /**
     * A compromise learnt while the key waits for its destruction: the key stays unusable and scheduled, every version
     * is marked compromised for good, and cancelling the destruction now returns it to COMPROMISED, never to a state
     * that could use it again.
     */
    private ManagedKeyEntity compromisedWhileScheduled(ManagedKeyEntity key, String reason, String actor) {
        Instant now = clock.instant();
        key.versions().forEach(v -> v.compromised(now));
        key.scheduleDestruction(KeyState.COMPROMISED, key.destroyNotBefore());
        destructions.returnTo(key.alias(), KeyState.COMPROMISED);
        String why = "Marked compromised while scheduled for destruction: " + reason;
        key.moveTo(KeyState.DESTROY_SCHEDULED, now, actor, why);
        events.publishEvent(new KeyStateChanged(key.alias(), KeyState.DESTROY_SCHEDULED, KeyState.DESTROY_SCHEDULED, why));
        return key;
    }

    /**
     * Makes one of the {@link KeyState#approvedMoves()} once it is approved: only with the engine's authorization of
     * the state change request that asked for it.
     */
    public ManagedKeyEntity approvedTransition(String alias, KeyState to, String reason, String actor,
                                               Authorization authorization) {
        authorization.requireFor(KeyStateRequestSubject.TYPE, authorization.subjectId());
        return approvedMove(alias, to, reason, actor);
    }

    /** The demo data's history, as if approved long ago (package-private: only {@link DemoKeys} seeds it). */
    ManagedKeyEntity seededTransition(String alias, KeyState to) {
        return approvedMove(alias, to, "demo data", "system");
    }

    private ManagedKeyEntity approvedMove(String alias, KeyState to, String reason, String actor) {
        ManagedKeyEntity key = load(alias);
        if (!key.state().approvedMoves().contains(to)) {
            throw new ConflictException("A key in state " + key.state() + " cannot move to " + to + " this way.");
        }
        return move(key, to, reason, actor);
    }

    private ManagedKeyEntity move(ManagedKeyEntity key, KeyState to, String reason, String actor) {
        KeyState from = key.state();
        String alias = key.alias();
        Instant now = clock.instant();
        if (to == KeyState.ACTIVE) {
            key.versions().forEach(v -> v.activated(now));
        }
        if (to == KeyState.DEACTIVATED) {
            key.versions().forEach(v -> v.deactivated(now));
        }
        if (to == KeyState.COMPROMISED) {
            key.versions().forEach(v -> v.compromised(now));
        }
        key.moveTo(to, now, actor, reason);
        events.publishEvent(new KeyStateChanged(alias, from, to, reason));
        return key;
    }

    ManagedKeyEntity load(String alias) {
        return keys.findByAlias(alias).orElseThrow(() -> new NotFoundException("No key with alias '" + alias + "'."));
    }
}
