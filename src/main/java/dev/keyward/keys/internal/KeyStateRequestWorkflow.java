package dev.keyward.keys.internal;

import dev.keyward.approvals.Approval;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.ApprovalSubject;
import dev.keyward.approvals.Authorization;
import dev.keyward.approvals.NotAuthorizedException;
import dev.keyward.identity.PeopleService;
import dev.keyward.keys.KeyEvents.StateRequestEnded;
import dev.keyward.keys.StateRequest;
import dev.keyward.keys.internal.KeyStateRequestStore.Row;
import java.time.Clock;
import java.util.NoSuchElementException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the KeyStateChange process does at each step; its delegates call only this. The move touches no HSM, so it runs
 * in the transaction of the last decision.
 */
@Component
@Transactional
public class KeyStateRequestWorkflow {

    /** Who the key's history names for a move its approvers allowed. */
    static final String ACTOR = "keyward-approval";

    private final KeyStateRequestStore requests;
    private final ManagedKeyRepository keys;
    private final KeyLifecycle lifecycle;
    private final ApprovalService approvals;
    private final PeopleService people;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    KeyStateRequestWorkflow(KeyStateRequestStore requests, ManagedKeyRepository keys, KeyLifecycle lifecycle,
                            ApprovalService approvals, PeopleService people, ApplicationEventPublisher events,
                            Clock clock) {
        this.requests = requests;
        this.keys = keys;
        this.lifecycle = lifecycle;
        this.approvals = approvals;
        this.people = people;
        this.events = events;
        this.clock = clock;
    }

    /** Opens the request's approval (in the caller's transaction: the request and its approval start together). */
    public String openApproval(String requestId) {
        String approvalId = approvals.open(subject(request(requestId)));
        requests.attachApproval(requestId, approvalId);
        return approvalId;
    }

    /** The request as its approvers see it, now. */
    private ApprovalSubject subject(Row request) {
        ManagedKeyEntity key = keys.findByAlias(request.key()).orElseThrow();
        return KeyStateRequestSubject.of(request, key, people.managerOf(key.owner()).orElse(null));
    }

    /** Makes the move once every decision approves and verifies now, if the key is still where it was. */
    public void apply(String requestId) {
        Row request = requests.lock(requestId).orElseThrow(() -> missing(requestId));
        if (request.status() != StateRequest.Status.PENDING) {
            return;
        }
        ManagedKeyEntity key = keys.findByAlias(request.key()).orElseThrow();
        Authorization authorization;
        try {
            authorization = approvals.authorize(request.approvalId(), subject(request));
        } catch (NotAuthorizedException e) {
            end(request, StateRequest.Status.REFUSED, "Approved, but not done: " + e.getMessage());
            return;
        }
        if (key.state() != request.from()) {
            end(request, StateRequest.Status.REFUSED, "Approved, but not done: " + request.key() + " is " + key.state()
                    + " now, no longer " + request.from() + ".");
            return;
        }
        lifecycle.approvedTransition(request.key(), request.to(), "Approved: " + request.reason(), ACTOR, authorization);
        requests.close(requestId, StateRequest.Status.DONE, "Done.", clock.instant());
    }

    /** Closes a request its approval did not approve, with the rejecter's comment or the expiry. */
    public void closeUnapproved(String requestId) {
        Row request = request(requestId);
        Approval.Ending ending = approvals.get(request.approvalId()).ending("the key stays " + request.from());
        end(request, StateRequest.Status.valueOf(ending.status().name()), ending.outcome());
    }

    private void end(Row request, StateRequest.Status status, String outcome) {
        if (requests.close(request.id(), status, outcome, clock.instant())) {
            events.publishEvent(new StateRequestEnded(request.id(), request.key(), request.to(), status, outcome));
        }
    }

    private Row request(String id) {
        return requests.find(id).orElseThrow(() -> missing(id));
    }

    private static NoSuchElementException missing(String id) {
        return new NoSuchElementException("No state change request " + id + ".");
    }
}
