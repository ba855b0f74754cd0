package dev.keyward.keys;

import dev.keyward.approvals.ApprovalService;
import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.identity.CurrentUser;
import dev.keyward.keys.KeyEvents.StateRequested;
import dev.keyward.keys.internal.KeyStateRequestStore;
import dev.keyward.keys.internal.KeyStateRequestStore.Row;
import dev.keyward.keys.internal.ManagedKeyEntity;
import dev.keyward.keys.process.KeyStateChangeProcess;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Key state changes that lose data or widen use, as approved changes: re-activating a SUSPENDED key and deactivating a
 * key. The key's owner or a security officer asks with a reason; the key owner (their manager when the owner asked)
 * and a security officer approve (bpmn/KeyStateChange.bpmn). Moves that only narrow use stay immediate
 * ({@link KeyService#transition}).
 */
@Service
@Transactional
public class KeyStateRequestService {

    /** How the review a suspension opens begins its reason (the system opens it: flagged, never refused). */
    public static final String SUSPENSION_REVIEW = "Review of the suspension: ";

    private final KeyStateRequestStore requests;
    private final KeyChangeRules rules;
    private final ApprovalService approvals;
    private final RuntimeService runtime;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    KeyStateRequestService(KeyStateRequestStore requests, KeyChangeRules rules, ApprovalService approvals,
                           RuntimeService runtime, CurrentUser currentUser, ApplicationEventPublisher events, Clock clock) {
        this.requests = requests;
        this.rules = rules;
        this.approvals = approvals;
        this.runtime = runtime;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    /** Asks to move {@code alias} to {@code to} (ACTIVE from SUSPENDED, or DEACTIVATED); nothing moves until approved. */
    @PreAuthorize("isAuthenticated()")
    public StateRequest request(String alias, KeyState to, String reason) {
        String me = currentUser.requireUsername();
        if (to == null) {
            throw new InvalidInputException("to", "Say which state the key should move to: ACTIVE (from SUSPENDED) or "
                    + "DEACTIVATED.");
        }
        String why = rules.reason(reason, "the key's history");
        ManagedKeyEntity key = rules.load(alias);
        rules.refuseUnlessOwnerOrOfficer(key, "change this key's state");
        KeyState from = key.toUsableKey().state();
        if (!from.approvedMoves().contains(to)) {
            throw new ConflictException("A key in state " + from + " cannot be moved to " + to + " by request; requests re-activate "
                    + "a SUSPENDED key or deactivate an ACTIVE or SUSPENDED one." + (from.directMoves().contains(to)
                    ? " This move needs no approval: make it directly." : ""));
        }
        return open(alias, from, to, why, me);
    }

    /**
     * The follow-up review a suspension opens, asked in the name of whoever suspended the key: should it be
     * re-activated? Approved, it is; rejected (with why) or undecided, it stays suspended until somebody deactivates
     * or re-activates it.
     */
    @PreAuthorize("isAuthenticated()")
    public StateRequest openSuspensionReview(String alias, String suspension) {
        String reason = SUSPENSION_REVIEW + suspension;
        return open(alias, KeyState.SUSPENDED, KeyState.ACTIVE, reason.length() > KeyChangeRules.MAX_TEXT
                ? reason.substring(0, KeyChangeRules.MAX_TEXT) : reason, currentUser.requireUsername());
    }

    private StateRequest open(String alias, KeyState from, KeyState to, String why, String requester) {
        requests.pendingOf(alias).stream().filter(open -> open.to() == to).findFirst().ifPresent(open -> {
            throw new ConflictException("Moving " + alias + " to " + to + " is already asked (by " + open.requester()
                    + "); it waits for its approvers.");
        });
        Row row = new Row(UUID.randomUUID().toString(), alias, from, to, why, requester, StateRequest.Status.PENDING, null,
                null, clock.instant(), null);
        requests.insert(row);
        events.publishEvent(new StateRequested(row.id(), alias, from, to, why));
        runtime.startProcessInstanceByKey(KeyStateChangeProcess.KEY, row.id(), Map.of(KeyStateChangeProcess.REQUEST_ID, row.id()));
        return view(requests.find(row.id()).orElseThrow());
    }

    /** A key's state change requests, newest first: for its owner, security officers and auditors. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<StateRequest> log(String alias) {
        rules.refuseUnlessInvolved(rules.load(alias), "its state change requests");
        return requests.ofKey(alias).stream().map(this::view).toList();
    }

    private StateRequest view(Row row) {
        return new StateRequest(row.id(), row.key(), row.from(), row.to(), row.reason(), row.requester(), row.status(),
                row.outcome(), row.approvalId(), row.createdAt(), row.completedAt(),
                row.approvalId() == null ? List.of() : ChangeApprover.of(approvals.get(row.approvalId())));
    }
}
