package dev.keyward.keys;

import dev.keyward.approvals.ApprovalService;
import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import dev.keyward.identity.CurrentUser;
import dev.keyward.keys.KeyEvents.RetirementRequested;
import dev.keyward.keys.internal.KeyRetirementStore;
import dev.keyward.keys.internal.KeyRetirementStore.Row;
import dev.keyward.keys.internal.KeyUses;
import dev.keyward.keys.internal.ManagedKeyEntity;
import dev.keyward.keys.process.KeyRetirementProcess;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Retiring an old key version as an approved change (PCI DSS 3.7.5): the key's owner or a security officer asks, with
 * a reason; allowed only when the rewrap census shows no use of the version for {@code keyward.keys.retirement.quiet-days},
 * or with an override reason the approvers sign. The key owner (their manager when the owner asked) and a security
 * officer approve; from then on the version decrypts and verifies nothing (bpmn/KeyVersionRetirement.bpmn).
 */
@Service
@Transactional
public class KeyRetirementService {

    private final KeyRetirementStore retirements;
    private final KeyChangeRules rules;
    private final KeyUses uses;
    private final RetirementQuietPeriod quiet;
    private final ApprovalService approvals;
    private final RuntimeService runtime;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    KeyRetirementService(KeyRetirementStore retirements, KeyChangeRules rules, KeyUses uses,
                         RetirementQuietPeriod quiet, ApprovalService approvals, RuntimeService runtime,
                         CurrentUser currentUser, ApplicationEventPublisher events, Clock clock) {
        this.retirements = retirements;
        this.rules = rules;
        this.uses = uses;
        this.quiet = quiet;
        this.approvals = approvals;
        this.runtime = runtime;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    /** Asks to retire {@code version} of {@code alias}; nothing changes until it is approved. */
    @PreAuthorize("isAuthenticated()")
    public Retirement request(String alias, int version, Retirement.Request request) {
        String me = currentUser.requireUsername();
        String reason = rules.reason(request.reason(), "the key's history");
        String override = rules.override(request.override());
        ManagedKeyEntity key = rules.load(alias);
        rules.refuseUnlessOwnerOrOfficer(key, "retire a version of this key");
        ManagedKey view = key.toManagedKey(true);
        if (version < 1 || version > view.versions().size()) {
            throw new InvalidInputException("version", alias + " has versions 1 to " + view.versions().size() + "; "
                    + version + " is not one of them.");
        }
        if (version == view.versions().size()) {
            throw new ConflictException("Version " + version + " is the current version of " + alias + "; rotate the key "
                    + "first, then retire it once nothing uses it.");
        }
        if (view.versions().get(version - 1).withdrawn()) {
            throw new ConflictException("Version " + version + " of " + alias + " is already retired or compromised.");
        }
        if (view.state() == KeyState.DESTROY_SCHEDULED || view.state() == KeyState.DESTROYED) {
            throw new ConflictException(alias + " is " + view.state() + "; its versions go with it.");
        }
        retirements.pendingOf(alias, version).ifPresent(open -> {
            throw new ConflictException("Retiring version " + version + " of " + alias + " is already asked (by "
                    + open.requester() + "); it waits for its approvers.");
        });
        List<String> inUse = census(alias, version);
        if (!inUse.isEmpty() && override == null) {
            throw new ConflictException("Version " + version + " of " + alias + " is still in use: " + String.join(" ", inUse)
                    + " Let its callers rewrap to the current version and wait until the census shows " + quiet.quietDays()
                    + " quiet days, or give an override reason the approvers sign.");
        }
        Row row = new Row(UUID.randomUUID().toString(), alias, version, reason, inUse.isEmpty() ? null : override, inUse,
                me, Retirement.Status.PENDING, null, null, clock.instant(), null);
        retirements.insert(row);
        events.publishEvent(new RetirementRequested(row.id(), alias, version, reason, row.override()));
        runtime.startProcessInstanceByKey(KeyRetirementProcess.KEY, row.id(),
                Map.of(KeyRetirementProcess.RETIREMENT_ID, row.id()));
        return view(retirements.find(row.id()).orElseThrow());
    }

    /** Who used {@code version} of {@code alias} within the quiet period; for the request form. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<String> inUse(String alias, int version) {
        rules.refuseUnlessInvolved(rules.load(alias), "its retirements");
        return census(alias, version);
    }

    private List<String> census(String alias, int version) {
        return uses.ofVersion(alias, version, clock.instant().minus(Duration.ofDays(quiet.quietDays())));
    }

    /** A key's retirements, newest first: for its owner, security officers and auditors. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<Retirement> log(String alias) {
        rules.refuseUnlessInvolved(rules.load(alias), "its retirements");
        return retirements.ofKey(alias).stream().map(this::view).toList();
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Retirement get(String alias, String id) {
        Row row = retirements.find(id).filter(r -> r.key().equals(alias))
                .orElseThrow(() -> new NotFoundException("No retirement " + id + " of key '" + alias + "'."));
        rules.refuseUnlessInvolved(rules.load(alias), "its retirements");
        return view(row);
    }

    private Retirement view(Row row) {
        return new Retirement(row.id(), row.key(), row.version(), row.reason(), row.override(), row.inUse(),
                row.requester(), row.status(), row.outcome(), row.approvalId(), row.createdAt(), row.completedAt(),
                row.approvalId() == null ? List.of() : ChangeApprover.of(approvals.get(row.approvalId())));
    }
}
