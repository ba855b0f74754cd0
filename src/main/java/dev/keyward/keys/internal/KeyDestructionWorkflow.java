package dev.keyward.keys.internal;

import dev.keyward.approvals.Approval;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.ApprovalSubject;
import dev.keyward.approvals.Authorization;
import dev.keyward.approvals.NotAuthorizedException;
import dev.keyward.hsm.HsmBackend;
import dev.keyward.keys.Destruction;
import dev.keyward.keys.KeyEvents.DestructionDueSoon;
import dev.keyward.keys.KeyEvents.DestructionEnded;
import dev.keyward.keys.KeyEvents.DestructionScheduled;
import dev.keyward.keys.KeyEvents.KeyDestroyed;
import dev.keyward.keys.KeyEvents.KeyStateChanged;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.internal.KeyDestructionStore.Row;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the KeyDestruction process does at each step; its delegates call only this. Destroying talks to the HSM
 * between two short transactions of its own: the first checks nothing relies on the key any more and marks the
 * destruction under way, the HSM then destroys every version on every token (idempotent, so a retried step
 * finishes the job), and the second records the key DESTROYED. Nothing the HSM did sits in a transaction that could
 * still roll back.
 */
@Component
public class KeyDestructionWorkflow {

    /** Who the key's history names for the steps the approved destruction takes by itself. */
    public static final String ACTOR = "keyward-destruction";
    /** The owner and the grant holders hear again this long before the waiting period ends. */
    static final Duration REMIND_BEFORE = Duration.ofDays(3);

    private final KeyDestructionStore destructions;
    private final ManagedKeyRepository keys;
    private final ApprovalService approvals;
    private final KeyUses uses;
    private final HsmBackend hsm;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    KeyDestructionWorkflow(KeyDestructionStore destructions, ManagedKeyRepository keys, ApprovalService approvals,
                           KeyUses uses, HsmBackend hsm, ApplicationEventPublisher events,
                           PlatformTransactionManager transactions, Clock clock) {
        this.destructions = destructions;
        this.keys = keys;
        this.approvals = approvals;
        this.uses = uses;
        this.hsm = hsm;
        this.events = events;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Opens the destruction's approval (in the caller's transaction: the request and its approval start together). */
    @Transactional
    public String openApproval(String destructionId) {
        String approvalId = approvals.open(subject(destruction(destructionId)));
        destructions.attachApproval(destructionId, approvalId);
        return approvalId;
    }

    /** When the owner and the grant holders hear again, and when the HSM objects go. */
    public record Wait(Instant remindAt, Instant destroyAt) {
    }

    /**
     * Starts the waiting period once every decision approves and verifies now: the key becomes DESTROY_SCHEDULED
     * (nobody can use it from here on). Throws {@link Refused}, changing nothing, when it must not.
     */
    @Transactional(noRollbackFor = Refused.class)
    public Wait schedule(String destructionId) {
        Row destruction = destructions.lock(destructionId).orElseThrow(() -> missing(destructionId));
        if (destruction.status() != Destruction.Status.PENDING) {
            throw new Refused("The destruction is " + destruction.status().label().toLowerCase() + " already.");
        }
        Authorization authorization = authorize(destruction);
        ManagedKeyEntity key = key(destruction.key());
        KeyState from = key.state();
        if (!from.canMoveTo(KeyState.DESTROY_SCHEDULED)) {
            throw new Refused("Key " + key.alias() + " is " + from + " now.");
        }
        return startWaiting(destruction, key, authorization);
    }

    /** Makes the key DESTROY_SCHEDULED for the waiting period: only with the engine's authorization of this destruction. */
    private Wait startWaiting(Row destruction, ManagedKeyEntity key, Authorization authorization) {
        String destructionId = authorization.requireFor(KeyDestructionSubject.TYPE, destruction.id()).subjectId();
        KeyState from = key.state();
        Instant now = clock.instant();
        Instant destroyAt = now.plus(Duration.ofDays(destruction.waitingDays()));
        key.scheduleDestruction(from, destroyAt);
        String reason = "Destruction approved: " + destruction.reason();
        key.moveTo(KeyState.DESTROY_SCHEDULED, now, ACTOR, reason);
        destructions.scheduled(destructionId, from, destroyAt);
        events.publishEvent(new KeyStateChanged(key.alias(), from, KeyState.DESTROY_SCHEDULED, reason));
        events.publishEvent(new DestructionScheduled(destructionId, key.alias(), key.owner(), destroyAt));
        return new Wait(destroyAt.minus(REMIND_BEFORE), destroyAt);
    }

    /** Tells the owner and the grant holders once more, if the destruction still stands. */
    @Transactional
    public void remind(String destructionId) {
        Row destruction = destruction(destructionId);
        if (destruction.status() == Destruction.Status.SCHEDULED) {
            events.publishEvent(new DestructionDueSoon(destructionId, destruction.key(), key(destruction.key()).owner(),
                    destruction.destroyAt()));
        }
    }

    /**
     * Destroys every version of the key on every token once the wait is over, unless something relies on the key
     * again and the approvers signed no override. An HSM that cannot be reached throws: the engine retries the step.
     */
    public void destroy(String destructionId) {
        Doomed doomed = ownTransaction.execute(status -> startDestroying(destructionId));
        if (doomed == null) {
            return;
        }
        destroyOnEveryToken(destructionId, doomed);
        ownTransaction.executeWithoutResult(status -> recordDestroyed(destructionId));
    }

    /** The HSM objects a destruction destroys, with the engine's authorization checked right before. */
    private record Doomed(List<String> labels, Authorization authorization) {
    }

    /** The irreversible step: only with an authorization of this destruction that the engine gave just now. */
    private void destroyOnEveryToken(String destructionId, Doomed doomed) {
        doomed.authorization().requireFor(KeyDestructionSubject.TYPE, destructionId);
        doomed.labels().forEach(hsm::destroy);
    }

    /** The destruction as its approvers see it, now. */
    private ApprovalSubject subject(Row destruction) {
        return KeyDestructionSubject.of(destruction, key(destruction.key()));
    }

    private Authorization authorize(Row destruction) {
        try {
            return approvals.authorize(destruction.approvalId(), subject(destruction));
        } catch (NotAuthorizedException e) {
            throw new Refused(e.getMessage());
        }
    }

    /** What to destroy, once the approval still holds; null when the destruction is done already. */
    private Doomed startDestroying(String destructionId) {
        Row destruction = destructions.lock(destructionId).orElseThrow(() -> missing(destructionId));
        if (destruction.status() == Destruction.Status.DESTROYED) {
            return null;
        }
        if (!destruction.status().open() || destruction.status() == Destruction.Status.PENDING) {
            throw new Refused("The destruction is " + destruction.status().label().toLowerCase() + ".");
        }
        ManagedKeyEntity key = key(destruction.key());
        List<String> inUse = uses.of(key.alias(), destruction.destroyAt().minus(Duration.ofDays(destruction.waitingDays())));
        if (!inUse.isEmpty() && destruction.override() == null) {
            throw new Refused("When the waiting period ended, " + key.alias() + " was in use again: "
                    + String.join(" ", inUse) + " Nobody signed an override, so it was kept.");
        }
        Authorization authorization = authorize(destruction);
        destructions.destroying(destructionId);
        return new Doomed(key.versions().stream().map(KeyVersionEntity::hsmLabel).toList(), authorization);
    }

    private void recordDestroyed(String destructionId) {
        Row destruction = destructions.lock(destructionId).orElseThrow(() -> missing(destructionId));
        if (destruction.status() == Destruction.Status.DESTROYED) {
            return;
        }
        ManagedKeyEntity key = key(destruction.key());
        Instant now = clock.instant();
        Map<String, String> kcvs = new LinkedHashMap<>();
        key.versions().forEach(v -> {
            v.deactivated(now);
            kcvs.put(String.valueOf(v.versionNo()), v.kcv());
        });
        String reason = "The waiting period ended; every version was destroyed in the HSM.";
        key.moveTo(KeyState.DESTROYED, now, ACTOR, reason);
        destructions.close(destructionId, Destruction.Status.DESTROYED, "Destroyed on every token: " + kcvs.size()
                + (kcvs.size() == 1 ? " version." : " versions."), null, now);
        events.publishEvent(new KeyStateChanged(key.alias(), KeyState.DESTROY_SCHEDULED, KeyState.DESTROYED, reason));
        events.publishEvent(new KeyDestroyed(key.alias(), destructionId, kcvs));
    }

    /** Calls the destruction off during its wait: the key returns to the state it was in. */
    @Transactional
    public void cancel(String destructionId, String reason, String by) {
        end(destructionId, Destruction.Status.CANCELLED, "Cancelled by " + by + ": " + reason, by);
    }

    /** Records why an approved destruction did not happen; the key returns to the state it was in. */
    @Transactional
    public void refuse(String destructionId, String why) {
        end(destructionId, Destruction.Status.REFUSED, why, null);
    }

    /** Closes a destruction its approval did not approve, with the rejecter's comment or the expiry. */
    @Transactional
    public void closeUnapproved(String destructionId) {
        Approval.Ending ending = approvals.get(destruction(destructionId).approvalId()).ending("the key was kept");
        end(destructionId, Destruction.Status.valueOf(ending.status().name()), ending.outcome(), null);
    }

    private void end(String destructionId, Destruction.Status status, String outcome, String by) {
        Row destruction = destructions.lock(destructionId).orElseThrow(() -> missing(destructionId));
        if (!destructions.close(destructionId, status, outcome, by, clock.instant())) {
            return;
        }
        ManagedKeyEntity key = key(destruction.key());
        if (key.state() == KeyState.DESTROY_SCHEDULED) {
            KeyState back = key.stateBeforeDestroyScheduled();
            key.cancelDestruction();
            key.moveTo(back, clock.instant(), by != null ? by : ACTOR, outcome);
            events.publishEvent(new KeyStateChanged(key.alias(), KeyState.DESTROY_SCHEDULED, back, outcome));
        }
        events.publishEvent(new DestructionEnded(destructionId, destruction.key(), status, outcome));
    }

    /** An approved destruction that must not go ahead; the process records it and keeps the key. */
    public static class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private Row destruction(String id) {
        return destructions.find(id).orElseThrow(() -> missing(id));
    }

    private static NoSuchElementException missing(String id) {
        return new NoSuchElementException("No destruction " + id + ".");
    }

    private ManagedKeyEntity key(String alias) {
        return keys.findByAlias(alias).orElseThrow(() -> new NoSuchElementException("No key " + alias + "."));
    }
}
