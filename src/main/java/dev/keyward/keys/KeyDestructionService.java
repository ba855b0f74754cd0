package dev.keyward.keys;

import dev.keyward.approvals.ApprovalService;
import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import dev.keyward.identity.CurrentUser;
import dev.keyward.identity.Roles;
import dev.keyward.keys.KeyEvents.DestructionRequested;
import dev.keyward.keys.internal.KeyDestructionStore;
import dev.keyward.keys.internal.KeyDestructionStore.Row;
import dev.keyward.keys.internal.KeyDestructionWorkflow;
import dev.keyward.keys.internal.KeyUses;
import dev.keyward.keys.internal.ManagedKeyEntity;
import dev.keyward.keys.process.KeyDestructionProcess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Key destruction as an approved change (PCI DSS 3.7.5, 3.7.6): the key's owner or a security officer asks, with a
 * reason; two security officers other than the requester approve with their passkeys; the key then waits, unusable
 * and cancellable, for its waiting period; then bpmn/KeyDestruction.bpmn destroys every version on every token. A key
 * that still has active grants or recent use is refused unless the request carries an override the approvers sign.
 */
@Service
@Transactional
public class KeyDestructionService {

    private final KeyDestructionStore destructions;
    private final KeyDestructionWorkflow workflow;
    private final KeyUses uses;
    private final KeyChangeRules rules;
    private final DestructionPeriods periods;
    private final ApprovalService approvals;
    private final RuntimeService runtime;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    KeyDestructionService(KeyDestructionStore destructions, KeyDestructionWorkflow workflow, KeyUses uses,
                          KeyChangeRules rules,
                          DestructionPeriods periods, ApprovalService approvals, RuntimeService runtime,
                          CurrentUser currentUser, ApplicationEventPublisher events, Clock clock) {
        this.destructions = destructions;
        this.workflow = workflow;
        this.uses = uses;
        this.rules = rules;
        this.periods = periods;
        this.approvals = approvals;
        this.runtime = runtime;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    /** Asks to destroy {@code alias}; nothing happens to the key until two security officers approve. */
    @PreAuthorize("isAuthenticated()")
    public Destruction request(String alias, Destruction.Request request) {
        String me = currentUser.requireUsername();
        String reason = rules.reason(request.reason(), "the key's history");
        String override = rules.override(request.override());
        ManagedKeyEntity key = rules.load(alias);
        rules.refuseUnlessOwnerOrOfficer(key, "destroy this key");
        ManagedKey view = key.toManagedKey(false);
        int shortest = periods.waitingDays(view.sensitivity());
        int waitingDays = request.waitingDays() != null ? request.waitingDays() : shortest;
        if (waitingDays < shortest || waitingDays > DestructionPeriods.MAX_DAYS) {
            throw new InvalidInputException("waitingDays", "A " + view.sensitivity() + " key waits " + shortest + " to "
                    + DestructionPeriods.MAX_DAYS + " days before it is destroyed; " + waitingDays + " is outside.");
        }
        if (!view.state().canMoveTo(KeyState.DESTROY_SCHEDULED)) {
            throw new ConflictException(alias + " is " + view.state() + "; it cannot be scheduled for destruction.");
        }
        destructions.openOf(alias).ifPresent(open -> {
            throw new ConflictException("A destruction of " + alias + " is already under way (" + open.status().label()
                    .toLowerCase() + ", asked by " + open.requester() + ").");
        });
        Instant now = clock.instant();
        List<String> inUse = uses.of(alias, now.minus(Duration.ofDays(periods.recentUseDays())));
        if (!inUse.isEmpty() && override == null) {
            throw new ConflictException(alias + " is still in use: " + String.join(" ", inUse) + " Revoke its grants and "
                    + "let its callers move to another key, or give an override reason the approvers sign.");
        }
        Row row = new Row(UUID.randomUUID().toString(), alias, reason, inUse.isEmpty() ? null : override, inUse,
                waitingDays, me, Destruction.Status.PENDING, null, view.state(), null, null, null, now, null);
        destructions.insert(row);
        events.publishEvent(new DestructionRequested(row.id(), alias, waitingDays, reason, row.override()));
        runtime.startProcessInstanceByKey(KeyDestructionProcess.KEY, row.id(),
                Map.of(KeyDestructionProcess.DESTRUCTION_ID, row.id()));
        return view(destructions.find(row.id()).orElseThrow());
    }

    /**
     * Calls off a destruction during its waiting period; the key returns to the state it was in. For the key's owner,
     * the requester and security officers.
     */
    @PreAuthorize("isAuthenticated()")
    public Destruction cancel(String alias, String id, String reason) {
        String me = currentUser.requireUsername();
        String why = KeyChangeRules.text(reason);
        if (why == null) {
            throw new InvalidInputException("reason", "Say why the destruction is cancelled (1 to "
                    + KeyChangeRules.MAX_TEXT + " characters); the key's history keeps it.");
        }
        Row row = find(alias, id);
        ManagedKeyEntity key = rules.load(alias);
        if (currentUser.hasRole(Roles.AUDITOR) || !(currentUser.hasRole(Roles.SECURITY_OFFICER) || me.equals(key.owner())
                || me.equals(row.requester()))) {
            throw new AccessDeniedException("Only a security officer, the key's owner or the requester may cancel this "
                    + "destruction.");
        }
        switch (row.status()) {
            case SCHEDULED -> {
                if (!clock.instant().isBefore(row.destroyAt())) {
                    throw new ConflictException("The waiting period ended at " + row.destroyAt() + "; " + alias
                            + " is being destroyed and this can no longer be cancelled.");
                }
            }
            case PENDING -> throw new ConflictException("The destruction still waits for its approvers; nothing has "
                    + "happened to " + alias + ". A security officer can reject it under Approvals.");
            case DESTROYING -> throw new ConflictException(alias + " is being destroyed in the HSM; this can no longer be "
                    + "cancelled.");
            case DESTROYED -> throw new ConflictException(alias + " was destroyed at " + row.completedAt()
                    + "; a destruction cannot be undone.");
            default -> throw new ConflictException("The destruction has ended already (" + row.status().label()
                    .toLowerCase() + ").");
        }
        workflow.cancel(id, why, me);
        runtime.createMessageCorrelation(KeyDestructionProcess.MESSAGE_CANCELLED).processInstanceBusinessKey(id)
                .correlateAllWithResult();
        return view(destructions.find(id).orElseThrow());
    }

    /** A key's destructions, newest first, with their approvers: for its owner, security officers and auditors. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<Destruction> log(String alias) {
        rules.refuseUnlessInvolved(rules.load(alias), "its destructions");
        return destructions.ofKey(alias).stream().map(this::view).toList();
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Destruction get(String alias, String id) {
        Row row = find(alias, id);
        rules.refuseUnlessInvolved(rules.load(alias), "its destructions");
        return view(row);
    }

    /** What would block destroying {@code alias} now (active grants, recent use); for the request form. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<String> inUse(String alias) {
        rules.refuseUnlessInvolved(rules.load(alias), "its destructions");
        return uses.of(alias, clock.instant().minus(Duration.ofDays(periods.recentUseDays())));
    }

    private Row find(String alias, String id) {
        return destructions.find(id).filter(r -> r.key().equals(alias))
                .orElseThrow(() -> new NotFoundException("No destruction " + id + " of key '" + alias + "'."));
    }

    private Destruction view(Row row) {
        return new Destruction(row.id(), row.key(), row.reason(), row.override(), row.inUse(), row.waitingDays(),
                row.requester(), row.status(), row.outcome(), row.approvalId(), row.fromState(), row.destroyAt(),
                row.cancelledBy(), row.createdAt(), row.completedAt(),
                row.approvalId() == null ? List.of() : ChangeApprover.of(approvals.get(row.approvalId())));
    }
}
