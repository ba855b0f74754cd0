package dev.keyward.crypto;

import dev.keyward.access.AccessFixture;
import dev.keyward.access.AccessFixture.Cast;
import dev.keyward.access.AccessRequest;
import dev.keyward.access.Grant;
import dev.keyward.access.GrantService;
import dev.keyward.access.Permission;
import dev.keyward.keys.Destruction;
import dev.keyward.keys.KeyDestructionService;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.KeyStateRequestService;
import dev.keyward.keys.StateRequest;
import dev.keyward.keys.KeyRotationService;
import dev.keyward.keys.Rotation;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.MutableClock;
import dev.keyward.support.TestPeople;
import dev.keyward.support.Workflows;
import java.util.Set;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Keys that are really granted: a key of any algorithm, and a grant for the cast's requester that went through
 * the whole access workflow (request, passkey-signed approvals, provisioning), with an API token to use it.
 */
@Component
public class CryptoFixture {

    private final AccessFixture access;
    private final TestPeople people;
    private final Workflows workflows;
    private final GrantService grants;
    private final KeyRotationService rotations;
    private final KeyDestructionService destructions;
    private final KeyStateRequestService stateRequests;

    CryptoFixture(AccessFixture access, TestPeople people, Workflows workflows, GrantService grants,
                  KeyRotationService rotations, KeyDestructionService destructions, KeyStateRequestService stateRequests) {
        this.access = access;
        this.rotations = rotations;
        this.destructions = destructions;
        this.stateRequests = stateRequests;
        this.people = people;
        this.workflows = workflows;
        this.grants = grants;
    }

    /** A requester with an approved grant on a new key, and the bearer token they call the API with. */
    public record Holder(Cast cast, String key, String grantId, String bearer) {
    }

    public Holder holder(String algorithm, KeyPurpose purpose, Sensitivity sensitivity, Permission... permissions) {
        Cast cast = access.cast();
        String key = key(cast, algorithm, purpose, sensitivity);
        return new Holder(cast, key, grant(cast, cast.requester(), key, permissions), holderToken(cast.requester()));
    }

    /** A fresh personal API token of {@code username}, as an Authorization header value. */
    public String holderToken(String username) {
        return DemoTokens.bearer(people.issueToken(username));
    }

    /** An ACTIVE key owned by the cast's owner. */
    public String key(Cast cast, String algorithm, KeyPurpose purpose, Sensitivity sensitivity) {
        return access.activeKey(sensitivity, cast.owner(), cast.officer1(), algorithm, purpose);
    }

    /** The cast's requester asks for {@code permissions} on {@code key} for {@code beneficiary}; all approve. */
    public String grant(Cast cast, String beneficiary, String key, Permission... permissions) {
        AccessRequest request = access.request(cast.requester(), key, Set.of(permissions), beneficiary);
        access.approveAll(cast, request.id());
        workflows.runJobsOf(request.id());
        access.as(cast.officer1());
        Grant grant = grants.find(key, beneficiary, true).stream()
                .filter(g -> g.originRequest().equals(request.id())).findFirst()
                .orElseThrow(() -> new AssertionError("request " + request.id() + " was not provisioned"));
        SecurityContextHolder.clearContext();
        return grant.id();
    }

    /** The key's owner asks to rotate it, the cast approves with their passkeys and the rotation runs. */
    public Rotation rotate(Cast cast, String key) {
        access.as(cast.owner());
        Rotation rotation = rotations.request(key, "yearly rotation");
        access.approveAll(cast, rotation.id());
        workflows.runJobsOf(rotation.id());
        SecurityContextHolder.clearContext();
        return rotation;
    }

    /**
     * The key's owner asks to destroy it (with an override, in case it is still in use), both officers approve: the
     * key is DESTROY_SCHEDULED.
     */
    public Destruction scheduleDestruction(Cast cast, String key) {
        access.as(cast.owner());
        Destruction asked = destructions.request(key, new Destruction.Request("retired with its application", null,
                "the application is switched off today"));
        access.approveAll(cast, asked.id());
        access.as(cast.owner());
        Destruction scheduled = destructions.get(key, asked.id());
        SecurityContextHolder.clearContext();
        return scheduled;
    }

    /** The same, then the waiting period passes ({@code clock} is moved and set back) and the key is DESTROYED. */
    public Destruction destroy(Cast cast, String key, MutableClock clock) {
        Destruction scheduled = scheduleDestruction(cast, key);
        clock.set(scheduled.destroyAt().plusSeconds(1));
        workflows.fireTimersDueBy(scheduled.id(), clock.instant());
        clock.reset();
        return scheduled;
    }

    /**
     * The key's owner asks to re-activate or deactivate it (or the review a suspension opened is taken up), the cast
     * approves with their passkeys, the key moves.
     */
    public StateRequest changeState(Cast cast, String key, KeyState to) {
        access.as(cast.owner());
        StateRequest asked = stateRequests.log(key).stream()
                .filter(r -> r.status() == StateRequest.Status.PENDING && r.to() == to).findFirst()
                .orElseGet(() -> stateRequests.request(key, to, "the team asked for it"));
        access.approveAll(cast, asked.id());
        SecurityContextHolder.clearContext();
        return asked;
    }
}
