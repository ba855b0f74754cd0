package dev.keyward.keys.internal;

import dev.keyward.approvals.Approval;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.ApprovalSubject;
import dev.keyward.approvals.Authorization;
import dev.keyward.approvals.NotAuthorizedException;
import dev.keyward.hsm.HsmBackend;
import dev.keyward.hsm.KeyHandle;
import dev.keyward.identity.PeopleService;
import dev.keyward.keys.KeyEvents.KeyRotated;
import dev.keyward.keys.KeyEvents.KeyStateChanged;
import dev.keyward.keys.KeyEvents.RotationEnded;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.Rotation;
import dev.keyward.keys.internal.KeyRotationStore.Row;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the KeyRotation process does at each step; its delegates call only this. The rotation itself talks to the
 * HSM between two short transactions of its own: the first fixes which version it creates, the HSM then generates
 * it (idempotent by label, so a retry after a crash finds the same key), a self-test round trip must pass, and the
 * second makes it current. Nothing the HSM did is therefore inside a transaction that could still roll back, and
 * a retried step after success changes nothing.
 */
@Component
public class KeyRotationWorkflow {

    /** Who the key's history names when an emergency rotation makes a compromised key ACTIVE again. */
    static final String ACTOR = "keyward-rotation";
    private static final byte[] SELF_TEST_CONTEXT = "keyward rotation self-test".getBytes(StandardCharsets.UTF_8);

    private final KeyRotationStore rotations;
    private final ManagedKeyRepository keys;
    private final ApprovalService approvals;
    private final PeopleService people;
    private final HsmBackend hsm;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    KeyRotationWorkflow(KeyRotationStore rotations, ManagedKeyRepository keys, ApprovalService approvals,
                        PeopleService people, HsmBackend hsm, ApplicationEventPublisher events,
                        PlatformTransactionManager transactions, Clock clock) {
        this.rotations = rotations;
        this.keys = keys;
        this.approvals = approvals;
        this.people = people;
        this.hsm = hsm;
        this.events = events;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Opens the rotation's approval (in the caller's transaction: the request and its approval start together). */
    public String openApproval(String rotationId) {
        String approvalId = approvals.open(subject(rotation(rotationId)));
        rotations.attachApproval(rotationId, approvalId);
        return approvalId;
    }

    /** The rotation as its approvers see it, now. */
    private ApprovalSubject subject(Row rotation) {
        ManagedKeyEntity key = key(rotation.key());
        return KeyRotationSubject.of(rotation, key, people.managerOf(key.owner()).orElse(null));
    }

    /**
     * Creates the new version and makes it current, once the approval's every decision approves and verifies now.
     * Returns why not, if so; the old version then stays current.
     */
    public Optional<String> rotate(String rotationId) {
        Optional<Plan> plan = ownTransaction.execute(status -> plan(rotationId));
        if (plan == null || plan.isEmpty()) {
            return Optional.empty();
        }
        if (plan.get().refusal() != null) {
            return Optional.of(plan.get().refusal());
        }
        Plan p = plan.get();
        String kcv;
        try {
            KeyHandle handle = hsm.generate(p.label(), p.key().algorithm());
            String recomputed = hsm.find(p.label()).map(KeyHandle::kcv).orElse(null);
            if (!handle.kcv().equals(recomputed)) {
                return Optional.of("The new version's key check value does not verify (" + handle.kcv() + " against "
                        + recomputed + ").");
            }
            Optional<String> selfTest = selfTest(p.label(), p.key().purpose());
            if (selfTest.isPresent()) {
                hsm.destroy(p.label());
                return selfTest;
            }
            kcv = handle.kcv();
        } catch (RuntimeException e) {
            return Optional.of("The HSM could not create the new version: " + e.getMessage());
        }
        ownTransaction.executeWithoutResult(status -> makeCurrent(rotationId, p.authorization(), p.label(), kcv));
        return Optional.empty();
    }

    /** The version a rotation creates, fixed before the HSM is asked; empty when it is done already. */
    private record Plan(ManagedKeyEntity key, String label, Authorization authorization, String refusal) {

        static Plan refused(String reason) {
            return new Plan(null, null, null, reason);
        }
    }

    private Optional<Plan> plan(String rotationId) {
        Row rotation = rotations.lock(rotationId).orElseThrow(() -> new NoSuchElementException("No rotation " + rotationId));
        if (rotation.status() == Rotation.Status.DONE) {
            return Optional.empty();
        }
        if (!rotation.status().open()) {
            return Optional.of(Plan.refused("The rotation is already " + rotation.status().label().toLowerCase() + "."));
        }
        Authorization authorization;
        try {
            authorization = approvals.authorize(rotation.approvalId(), subject(rotation));
        } catch (NotAuthorizedException e) {
            return Optional.of(Plan.refused(e.getMessage()));
        }
        ManagedKeyEntity key = key(rotation.key());
        KeyState expected = rotation.trigger() == Rotation.Trigger.EMERGENCY ? KeyState.COMPROMISED : KeyState.ACTIVE;
        if (key.state() != expected) {
            return Optional.of(Plan.refused("Key " + key.alias() + " is " + key.state() + " now, no longer " + expected + "."));
        }
        int version = rotation.newVersion() != null ? rotation.newVersion() : key.versions().size() + 1;
        rotations.startRotating(rotationId, version);
        return Optional.of(new Plan(key, "kw-" + key.alias() + "-v" + version, authorization, null));
    }

    /** Encrypts and decrypts, signs and verifies, or MACs and verifies with the new version before anybody uses it. */
    private Optional<String> selfTest(String label, KeyPurpose purpose) {
        byte[] sample = new byte[32];
        random.nextBytes(sample);
        boolean passed = switch (purpose) {
            case ENCRYPT, WRAP -> Arrays.equals(sample, hsm.decrypt(label, hsm.encrypt(label, sample, SELF_TEST_CONTEXT),
                    SELF_TEST_CONTEXT));
            case SIGN -> {
                byte[] signature = hsm.sign(label, sample);
                byte[] altered = sample.clone();
                altered[0] ^= 1;
                yield hsm.verify(label, sample, signature) && !hsm.verify(label, altered, signature);
            }
            case MAC -> hsm.verifyMac(label, sample, hsm.mac(label, sample));
        };
        return passed ? Optional.empty() : Optional.of("The new version failed its self-test; it was destroyed.");
    }

    /** Makes the new version current: only with the engine's authorization of this rotation. */
    private void makeCurrent(String rotationId, Authorization authorization, String label, String kcv) {
        authorization.requireFor(KeyRotationSubject.TYPE, rotationId);
        Row rotation = rotations.lock(rotationId).orElseThrow();
        if (rotation.status() == Rotation.Status.DONE) {
            return;
        }
        ManagedKeyEntity key = key(rotation.key());
        Instant now = clock.instant();
        KeyVersionEntity version = key.addVersion(label, kcv, now, Cryptoperiods.of(key.purpose(), key.sensitivity()));
        version.activated(now);
        if (key.state() == KeyState.COMPROMISED) {
            String why = "Emergency rotation: version " + version.versionNo() + " replaces the compromised versions.";
            key.moveTo(KeyState.ACTIVE, now, ACTOR, why);
            events.publishEvent(new KeyStateChanged(key.alias(), KeyState.COMPROMISED, KeyState.ACTIVE, why));
        }
        rotations.done(rotationId, kcv, now);
        events.publishEvent(new KeyRotated(key.alias(), version.versionNo(), kcv, rotation.reason()));
    }

    /** Records why an approved rotation did not happen; the old version stays current. */
    public void fail(String rotationId, String reason) {
        end(rotationId, Rotation.Status.FAILED, "Approved, but not rotated: " + reason);
    }

    /** Closes a rotation its approval did not approve, with the rejecter's comment or the expiry. */
    public void closeUnapproved(String rotationId) {
        Approval.Ending ending = approvals.get(rotation(rotationId).approvalId()).ending("the key was not rotated");
        end(rotationId, Rotation.Status.valueOf(ending.status().name()), ending.outcome());
    }

    private void end(String rotationId, Rotation.Status status, String outcome) {
        Row rotation = rotation(rotationId);
        if (rotations.close(rotationId, status, outcome, clock.instant())) {
            events.publishEvent(new RotationEnded(rotationId, rotation.key(), status, outcome));
        }
    }

    private Row rotation(String id) {
        return rotations.find(id).orElseThrow(() -> new NoSuchElementException("No rotation " + id + "."));
    }

    private ManagedKeyEntity key(String alias) {
        return keys.findByAlias(alias).orElseThrow(() -> new NoSuchElementException("No key " + alias + "."));
    }
}
