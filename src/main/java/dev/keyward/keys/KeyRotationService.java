package dev.keyward.keys;

import dev.keyward.approvals.ApprovalService;
import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import dev.keyward.identity.CurrentUser;
import dev.keyward.identity.Roles;
import dev.keyward.keys.KeyEvents.RotationPeriodChanged;
import dev.keyward.keys.KeyEvents.RotationRequested;
import dev.keyward.keys.internal.KeyRotationStore;
import dev.keyward.keys.internal.KeyRotationStore.Row;
import dev.keyward.keys.internal.ManagedKeyEntity;
import dev.keyward.keys.internal.ManagedKeyRepository;
import dev.keyward.keys.process.KeyRotationProcess;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Key rotation as an approved change (PCI DSS 3.7.4, 3.7.6): the key owner or a security officer asks, with a
 * reason; the owner (or, when the owner asked, the owner's manager) and a security officer (two for CRITICAL keys)
 * approve with their passkeys; then bpmn/KeyRotation.bpmn creates the new version, self-tests it and makes it
 * current. The rotation log keeps every rotation with its approvers and key check values.
 */
@Service
@Transactional
public class KeyRotationService {

    /** The requester of the rotations the schedule opens: not a person, so every person may decide them. */
    public static final String SCHEDULER = "keyward-schedule";

    private final KeyRotationStore rotations;
    private final ManagedKeyRepository keys;
    private final KeyChangeRules rules;
    private final ApprovalService approvals;
    private final RuntimeService runtime;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    KeyRotationService(KeyRotationStore rotations, ManagedKeyRepository keys, KeyChangeRules rules, ApprovalService approvals,
                       RuntimeService runtime, CurrentUser currentUser, ApplicationEventPublisher events, Clock clock) {
        this.rotations = rotations;
        this.keys = keys;
        this.rules = rules;
        this.approvals = approvals;
        this.runtime = runtime;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Asks for a rotation of an ACTIVE key, for its owner or a security officer; or, for a security officer, an
     * emergency rotation of a COMPROMISED key. The key changes once approved.
     */
    @PreAuthorize("isAuthenticated()")
    public Rotation request(String alias, String reason) {
        String me = currentUser.requireUsername();
        String why = rules.reason(reason, "the rotation log");
        ManagedKeyEntity key = rules.load(alias);
        boolean officer = currentUser.hasRole(Roles.SECURITY_OFFICER);
        if (key.toUsableKey().state() == KeyState.COMPROMISED) {
            if (!officer) {
                throw new AccessDeniedException("Only a security officer may ask for an emergency rotation of a "
                        + "compromised key.");
            }
            return open(key, Rotation.Trigger.EMERGENCY, why, me);
        }
        rules.refuseUnlessOwnerOrOfficer(key, "rotate this key");
        return open(key, Rotation.Trigger.ON_DEMAND, why, me);
    }

    /**
     * Opens the emergency rotation a compromise calls for, asked by whoever marked the key compromised: two other
     * security officers decide within hours; approved, a new version makes the key ACTIVE again.
     */
    @RolesAllowed(Roles.SECURITY_OFFICER)
    public Rotation openEmergency(String alias, String compromise) {
        ManagedKeyEntity key = rules.load(alias);
        String reason = "Marked compromised: " + compromise;
        return open(key, Rotation.Trigger.EMERGENCY, reason.length() > KeyChangeRules.MAX_TEXT
                ? reason.substring(0, KeyChangeRules.MAX_TEXT) : reason,
                currentUser.requireUsername());
    }

    /**
     * Opens the rotation the schedule calls for: {@code alias}'s current version reached its rotation date. Once per
     * version; nothing when a rotation is under way. For the schedule, which runs without a signed-in person.
     */
    @PreAuthorize("permitAll()")
    public Optional<Rotation> openScheduled(String alias) {
        Optional<RotationPeriods.Schedule> due = rotations.current(alias).map(KeyRotationService::schedule)
                .filter(s -> s.overdue(clock.instant()));
        if (due.isEmpty() || !rotations.openOf(alias).isEmpty()
                || rotations.opened(alias, due.get().version(), Rotation.Trigger.SCHEDULED)) {
            return Optional.empty();
        }
        ManagedKeyEntity key = keys.findByAlias(alias).orElseThrow();
        return Optional.of(open(key, Rotation.Trigger.SCHEDULED, "Version " + due.get().version() + " reached its "
                + "rotation date (every " + due.get().periodDays() + " days).", SCHEDULER));
    }

    /** A key's rotation schedule (period, current version, due date); empty unless the key is ACTIVE. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Optional<RotationPeriods.Schedule> schedule(String alias) {
        return rotations.current(alias).map(KeyRotationService::schedule);
    }

    /** The ACTIVE keys past their rotation date: recertification flags grants on them. Workflows ask too. */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true)
    public Set<String> overdueKeys() {
        Instant now = clock.instant();
        return rotations.activeKeys().stream().map(KeyRotationService::schedule).filter(s -> s.overdue(now))
                .map(RotationPeriods.Schedule::key).collect(Collectors.toSet());
    }

    static RotationPeriods.Schedule schedule(KeyRotationStore.Current current) {
        int days = current.periodDays() != null ? current.periodDays() : RotationPeriods.defaultDays(current.sensitivity());
        return new RotationPeriods.Schedule(current.key(), days, current.periodDays() == null, current.version(),
                current.since(), RotationPeriods.dueAt(current.since(), days));
    }

    /**
     * Gives a key its own rotation period, between {@link RotationPeriods#MIN_DAYS} and its originator cryptoperiod;
     * null returns it to its sensitivity's default. Security officers.
     */
    @RolesAllowed(Roles.SECURITY_OFFICER)
    public RotationPeriods.Schedule setPeriod(String alias, Integer days) {
        if (days != null && days < 1) {
            throw new InvalidInputException("periodDays", "A rotation period is a number of days from "
                    + RotationPeriods.MIN_DAYS + " up.");
        }
        ManagedKeyEntity key = rules.load(alias);
        Sensitivity sensitivity = key.toManagedKey(false).sensitivity();
        if (days != null && (days < RotationPeriods.MIN_DAYS || days > RotationPeriods.maxDays(sensitivity))) {
            throw new InvalidInputException("periodDays", "A " + sensitivity + " key is rotated every "
                    + RotationPeriods.MIN_DAYS + " to " + RotationPeriods.maxDays(sensitivity) + " days (its cryptoperiod); "
                    + days + " is outside.");
        }
        if (rotations.current(alias).isEmpty()) {
            throw new ConflictException("Only an ACTIVE key has a rotation schedule; " + alias + " is "
                    + key.toUsableKey().state() + ".");
        }
        rotations.setPeriod(alias, days);
        events.publishEvent(new RotationPeriodChanged(alias, days));
        return schedule(alias).orElseThrow();
    }

    private Rotation open(ManagedKeyEntity key, Rotation.Trigger trigger, String reason, String requester) {
        var usable = key.toUsableKey();
        boolean emergency = trigger == Rotation.Trigger.EMERGENCY;
        if (usable.state() != (emergency ? KeyState.COMPROMISED : KeyState.ACTIVE)) {
            throw new ConflictException("Only an ACTIVE key can be rotated (a COMPROMISED one in an emergency rotation); "
                    + usable.alias() + " is " + usable.state() + ".");
        }
        // A rotation asked before the compromise does not hold up the emergency one; it fails once the key is not ACTIVE.
        rotations.openOf(usable.alias()).stream().filter(open -> !emergency || open.trigger() == Rotation.Trigger.EMERGENCY)
                .findFirst().ifPresent(open -> {
                    throw new ConflictException("A rotation of " + usable.alias() + " is already under way ("
                            + open.status().label().toLowerCase() + ", asked by " + open.requester() + "); it has to end first.");
                });
        var current = key.toManagedKey(true).versions().get(usable.currentVersion() - 1);
        Row row = new Row(UUID.randomUUID().toString(), usable.alias(), trigger, reason, requester, Rotation.Status.PENDING,
                null, null, current.number(), current.kcv(), null, null, clock.instant(), null);
        rotations.insert(row);
        events.publishEvent(new RotationRequested(row.id(), row.key(), trigger, row.oldVersion(), reason));
        runtime.startProcessInstanceByKey(KeyRotationProcess.KEY, row.id(), Map.of(KeyRotationProcess.ROTATION_ID, row.id()));
        return view(rotations.find(row.id()).orElseThrow());
    }

    /** A key's rotations, newest first, with their approvers: for its owner, security officers and auditors. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<Rotation> log(String alias) {
        rules.refuseUnlessInvolved(rules.load(alias), "its rotations");
        return rotations.ofKey(alias).stream().map(this::view).toList();
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Rotation get(String alias, String id) {
        Row row = rotations.find(id).filter(r -> r.key().equals(alias))
                .orElseThrow(() -> new NotFoundException("No rotation " + id + " of key '" + alias + "'."));
        rules.refuseUnlessInvolved(rules.load(alias), "its rotations");
        return view(row);
    }

    private Rotation view(Row row) {
        List<ChangeApprover> approvers = row.approvalId() == null ? List.of() : ChangeApprover.of(approvals.get(row.approvalId()));
        return new Rotation(row.id(), row.key(), row.trigger(), row.reason(), row.requester(), row.status(), row.outcome(),
                row.approvalId(), row.oldVersion(), row.oldKcv(), row.newVersion(), row.newKcv(), row.createdAt(),
                row.completedAt(), approvers);
    }
}
