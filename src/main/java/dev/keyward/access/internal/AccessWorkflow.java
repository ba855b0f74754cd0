package dev.keyward.access.internal;

import dev.keyward.access.AccessEvents.AccessExpired;
import dev.keyward.access.AccessEvents.AccessGranted;
import dev.keyward.access.AccessEvents.AccessRequestClosed;
import dev.keyward.access.AccessRequestStatus;
import dev.keyward.access.Grant;
import dev.keyward.access.GrantStatus;
import dev.keyward.access.internal.AccessStore.RequestRow;
import dev.keyward.approvals.Approval;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.ApprovalSubject;
import dev.keyward.approvals.Authorization;
import dev.keyward.approvals.NotAuthorizedException;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.ServiceAccount;
import dev.keyward.identity.ServiceAccountService;
import dev.keyward.keys.KeyReference;
import dev.keyward.keys.KeyService;
import dev.keyward.keys.KeyState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What the AccessRequest process does at each step; its delegates call only this. */
@Component
@Transactional
public class AccessWorkflow {

    /** The grant created, or why none was: it would not rest on a complete, verified approval. */
    public record Provisioning(String grantId, String refusal) {
        static Provisioning refused(String reason) {
            return new Provisioning(null, reason);
        }
    }

    private final AccessStore store;
    private final ApprovalService approvals;
    private final KeyService keys;
    private final PeopleService people;
    private final ServiceAccountService serviceAccounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AccessWorkflow(AccessStore store, ApprovalService approvals, KeyService keys, PeopleService people,
                   ServiceAccountService serviceAccounts, ApplicationEventPublisher events, Clock clock) {
        this.serviceAccounts = serviceAccounts;
        this.store = store;
        this.approvals = approvals;
        this.keys = keys;
        this.people = people;
        this.events = events;
        this.clock = clock;
    }

    /** Opens the approval the key's sensitivity calls for; the facts are what every approver signs. */
    public String openApproval(String requestId) {
        RequestRow request = request(requestId);
        String approvalId = approvals.open(subject(request, keys.reference(request.key())));
        store.attachApproval(requestId, approvalId);
        return approvalId;
    }

    /** The request as its approvers see it, now. */
    private ApprovalSubject subject(RequestRow request, KeyReference key) {
        return AccessApprovalSubject.of(request, key, people.managerOf(request.requester()).orElse(null));
    }

    /**
     * Creates the grant, but only when every slot approved with a decision whose passkey signature verifies, the
     * key is still ACTIVE and the beneficiary still active. (A refusal is returned, not thrown, so the workflow's
     * transaction survives to record it.)
     */
    public Provisioning provision(String requestId) {
        RequestRow request = request(requestId);
        KeyReference key = keys.reference(request.key());
        Authorization authorization;
        try {
            authorization = approvals.authorize(request.approvalId(), subject(request, key));
        } catch (NotAuthorizedException e) {
            return Provisioning.refused(e.getMessage());
        }
        if (key.state() != KeyState.ACTIVE) {
            return Provisioning.refused("Key " + key.alias() + " is " + key.state() + " now, no longer ACTIVE.");
        }
        if (!beneficiaryActive(request.beneficiary())) {
            return Provisioning.refused(request.beneficiary() + " is no longer active.");
        }
        return grant(request, authorization);
    }

    /** Creates the grant an approved request asked for: only with the engine's authorization of that request. */
    private Provisioning grant(RequestRow request, Authorization authorization) {
        String requestId = authorization.requireFor(AccessApprovalSubject.TYPE, request.id()).subjectId();
        Instant now = clock.instant();
        Grant grant = new Grant(UUID.randomUUID().toString(), request.beneficiary(), request.key(), request.permissions(),
                now, now.plus(Duration.ofDays(request.durationDays())), requestId, GrantStatus.ACTIVE, null, null, null);
        store.insert(grant);
        String outcome = "Granted until " + grant.validUntil().truncatedTo(ChronoUnit.MINUTES).toString().replace('T', ' ')
                .replace("Z", " UTC") + ".";
        store.close(requestId, AccessRequestStatus.GRANTED, outcome, grant.id(), now);
        events.publishEvent(new AccessGranted(grant.id(), requestId, grant.principal(), grant.key(), grant.permissions(),
                grant.validUntil()));
        events.publishEvent(new AccessRequestClosed(requestId, request.requester(), request.key(),
                AccessRequestStatus.GRANTED, outcome));
        return new Provisioning(grant.id(), null);
    }

    public void refuse(String requestId, String reason) {
        close(requestId, AccessRequestStatus.REFUSED, "Approved, but no grant was created: " + reason);
    }

    /** Closes a request the approval did not approve, with the rejecter's comment or the expiry. */
    public void closeUnapproved(String requestId) {
        Approval.Ending ending = approvals.get(request(requestId).approvalId()).ending("nothing was granted");
        close(requestId, AccessRequestStatus.valueOf(ending.status().name()), ending.outcome());
    }

    private void close(String requestId, AccessRequestStatus status, String outcome) {
        RequestRow request = request(requestId);
        if (store.close(requestId, status, outcome, null, clock.instant())) {
            events.publishEvent(new AccessRequestClosed(requestId, request.requester(), request.key(), status, outcome));
        }
    }

    public Date grantUntil(String requestId) {
        return Date.from(store.grantFor(requestId).orElseThrow(() -> new NoSuchElementException(
                "Request " + requestId + " has no grant.")).validUntil());
    }

    /** The grant reached its end; a grant already revoked stays revoked. */
    public void expireGrant(String requestId) {
        store.grantFor(requestId).ifPresent(grant -> {
            if (store.end(grant.id(), GrantStatus.EXPIRED, null, "Reached its end.", clock.instant())) {
                events.publishEvent(new AccessExpired(grant.id(), grant.principal(), grant.key()));
            }
        });
    }

    private RequestRow request(String id) {
        return store.findRequest(id).orElseThrow(() -> new NoSuchElementException("No access request " + id + "."));
    }

    /** A person who is ACTIVE, or a service account that is ACTIVE with an ACTIVE owner. */
    private boolean beneficiaryActive(String beneficiary) {
        return people.isActive(beneficiary) || serviceAccounts.lookup(beneficiary)
                .filter(a -> a.status() == ServiceAccount.Status.ACTIVE && people.isActive(a.owner())).isPresent();
    }
}
