package dev.keyward.access;

import dev.keyward.access.AccessEvents.AccessRequested;
import dev.keyward.access.internal.AccessProperties;
import dev.keyward.access.internal.AccessStore.RequestRow;
import dev.keyward.access.internal.AccessStore;
import dev.keyward.access.process.AccessRequestProcess;
import dev.keyward.approvals.Approval;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import dev.keyward.identity.CurrentUser;
import dev.keyward.identity.Roles;
import dev.keyward.identity.ServiceAccount;
import dev.keyward.identity.ServiceAccountService;
import dev.keyward.keys.KeyReference;
import dev.keyward.keys.KeyService;
import dev.keyward.keys.KeyState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Access requests: checked in full before anything is stored (policy acknowledged, key ACTIVE, permissions fit
 * the key, justification, duration within the key's policy, no duplicate), then the AccessRequest process runs.
 */
@Service
@Transactional
@PreAuthorize("isAuthenticated()")
public class AccessRequestService {

    static final int MAX_TICKET = 100;

    private final AccessStore store;
    private final KeyService keys;
    private final ApprovalService approvals;
    private final CurrentUser currentUser;
    private final ServiceAccountService serviceAccounts;
    private final RuntimeService runtime;
    private final ApplicationEventPublisher events;
    private final AccessProperties properties;
    private final Clock clock;

    AccessRequestService(AccessStore store, KeyService keys, ApprovalService approvals, CurrentUser currentUser,
                         ServiceAccountService serviceAccounts, RuntimeService runtime, ApplicationEventPublisher events,
                         AccessProperties properties, Clock clock) {
        this.serviceAccounts = serviceAccounts;
        this.store = store;
        this.keys = keys;
        this.approvals = approvals;
        this.currentUser = currentUser;
        this.runtime = runtime;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    public AccessRequest submit(NewAccessRequest request) {
        String me = currentUser.requireUsername();
        if (currentUser.hasRole(Roles.AUDITOR)) {
            throw new AccessDeniedException("Auditors verify who uses keys; they do not request key access themselves.");
        }
        AccessPolicy policy = store.currentPolicy();
        if (!store.acknowledged(me, policy.version())) {
            throw new PolicyNotAcknowledgedException(policy.version());
        }
        if (request.key() == null || request.key().isBlank()) {
            throw new InvalidInputException("key", "Choose the key you need access to.");
        }
        KeyReference key = keys.reference(request.key().strip());
        if (key.state() != KeyState.ACTIVE) {
            throw new ConflictException("Key " + key.alias() + " is " + key.state() + "; access can be requested "
                    + "only to ACTIVE keys.");
        }
        Set<Permission> permissions = permissions(request.permissions(), key);
        String beneficiary = request.beneficiary() == null || request.beneficiary().isBlank() ? me : request.beneficiary().strip();
        if (!beneficiary.equals(me)) {
            ServiceAccount account = serviceAccounts.lookup(beneficiary).filter(a -> a.owner().equals(me))
                    .orElseThrow(() -> new InvalidInputException("beneficiary", "You can request access for yourself or for a "
                            + "service account you own; '" + beneficiary + "' is neither."));
            if (account.status() != ServiceAccount.Status.ACTIVE) {
                throw new ConflictException("The service account " + beneficiary + " is disabled; enable it first.");
            }
        }
        String justification = justification(request.justification());
        int days = duration(request.durationDays(), key);
        String ticket = ticket(request.ticket());
        store.pendingRequest(key.alias(), beneficiary).ifPresent(existing -> {
            throw new DuplicateAccessRequestException(key.alias(), beneficiary, existing);
        });
        String id = UUID.randomUUID().toString();
        try {
            store.insert(new RequestRow(id, me, beneficiary, key.alias(), permissions, justification, days, ticket,
                    AccessRequestStatus.PENDING, null, null, null, clock.instant(), null));
        } catch (DuplicateKeyException raced) {
            throw new DuplicateAccessRequestException(key.alias(), beneficiary,
                    store.pendingRequest(key.alias(), beneficiary).orElse("?"));
        }
        events.publishEvent(new AccessRequested(id, key.alias(), beneficiary, permissions, days, ticket));
        runtime.startProcessInstanceByKey(AccessRequestProcess.KEY, id, Map.of(AccessRequestProcess.REQUEST_ID, id));
        return get(id);
    }

    /**
     * One request, for the people involved: requester, beneficiary, the key's owner, its approvers, security
     * officers and auditors. To anyone else it does not exist.
     */
    @Transactional(readOnly = true)
    public AccessRequest get(String id) {
        RequestRow row = store.findRequest(id).orElseThrow(() -> notFound(id));
        Approval approval = row.approvalId() == null ? null : approvals.get(row.approvalId());
        if (!mayView(row, approval)) {
            throw notFound(id);
        }
        return view(row, approval);
    }

    /** A request as its approvers review it: with the beneficiary's current grants on the key and warnings. */
    @Transactional(readOnly = true)
    public AccessReview review(String id) {
        AccessRequest request = get(id);
        List<Grant> current = store.grants(request.key(), request.beneficiary(), true, 50);
        List<String> warnings = new ArrayList<>();
        if (current.stream().anyMatch(g -> g.permissions().contains(Permission.MANAGE))) {
            warnings.add(request.beneficiary() + " already holds MANAGE on " + request.key() + ".");
        }
        if (request.permissions().contains(Permission.MANAGE)) {
            warnings.add("MANAGE is requested: it allows administering the key, not only using it.");
        }
        KeyReference key = keys.reference(request.key());
        if (request.durationDays() >= Math.min(key.maxGrantDays(), key.sensitivity().maxGrantDays())) {
            warnings.add("The duration (" + request.durationDays() + " days) is the longest the key's policy allows.");
        }
        if (current.stream().anyMatch(g -> g.permissions().containsAll(request.permissions()))) {
            warnings.add(request.beneficiary() + " already holds these permissions; the request may be redundant.");
        }
        return new AccessReview(request, current, warnings);
    }

    /** The signed-in person's requests (made by or for them), newest first. */
    @Transactional(readOnly = true)
    public List<AccessRequest> mine() {
        return store.requestsBy(currentUser.requireUsername(), 200).stream()
                .map(row -> view(row, row.approvalId() == null ? null : approvals.get(row.approvalId()))).toList();
    }

    private boolean mayView(RequestRow row, Approval approval) {
        String me = currentUser.requireUsername();
        if (me.equals(row.requester()) || me.equals(row.beneficiary())
                || currentUser.hasRole(Roles.SECURITY_OFFICER) || currentUser.hasRole(Roles.AUDITOR)
                || me.equals(keys.reference(row.key()).owner())) {
            return true;
        }
        return approval != null && approval.slots().stream().anyMatch(s -> me.equals(s.approver())
                || (s.decision() != null && me.equals(s.decision().approver())));
    }

    private AccessRequest view(RequestRow row, Approval approval) {
        List<AccessRequest.Step> steps = new ArrayList<>();
        String asked = row.permissions().stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
        steps.add(new AccessRequest.Step(row.createdAt(), "Requested " + asked + " on " + row.key() + " for "
                + row.durationDays() + " days", row.requester()));
        if (approval != null) {
            approval.slots().forEach(slot -> {
                if (slot.decision() != null) {
                    steps.add(new AccessRequest.Step(slot.decision().decidedAt(), (slot.decision().decision().name()
                            .equals("APPROVE") ? "Approved" : "Rejected") + " as " + slot.kind().name().toLowerCase()
                            .replace('_', ' ') + " (passkey signature " + (slot.decision().verified() ? "verified" : "NOT verified")
                            + ")", slot.decision().approver()));
                }
            });
        }
        if (row.closedAt() != null) {
            steps.add(new AccessRequest.Step(row.closedAt(), row.status() + ": " + row.outcome(), null));
        }
        steps.sort(Comparator.comparing(AccessRequest.Step::at));
        return new AccessRequest(row.id(), row.requester(), row.beneficiary(), row.key(), row.permissions(),
                row.justification(), row.durationDays(), row.ticket(), row.status(), row.outcome(), row.createdAt(),
                row.closedAt(), row.grantId(), approval, steps);
    }

    private static Set<Permission> permissions(Set<Permission> requested, KeyReference key) {
        if (requested == null || requested.isEmpty()) {
            throw new InvalidInputException("permissions", "Choose at least one permission.");
        }
        Set<Permission> meaningful = Permission.meaningfulFor(key.purpose());
        if (!meaningful.containsAll(requested)) {
            throw new InvalidInputException("permissions", key.alias() + " is a " + key.purpose() + " key; it can grant only "
                    + meaningful.stream().sorted().toList() + ".");
        }
        return EnumSet.copyOf(requested);
    }

    private String justification(String text) {
        String value = text == null ? "" : text.strip();
        if (value.length() < properties.minJustification()) {
            throw new InvalidInputException("justification", "Explain why you need this access in at least "
                    + properties.minJustification() + " characters.");
        }
        if (value.length() > properties.maxJustification()) {
            throw new InvalidInputException("justification", "The justification has " + value.length() + " characters; at most "
                    + properties.maxJustification() + " are allowed.");
        }
        return value;
    }

    private static int duration(Integer requested, KeyReference key) {
        int max = Math.min(key.maxGrantDays(), key.sensitivity().maxGrantDays());
        if (requested == null) {
            return max;
        }
        if (requested < 1 || requested > max) {
            throw new InvalidInputException("durationDays", "The duration must be 1 to " + max + " days for " + key.alias() + " ("
                    + key.sensitivity() + "), not " + requested + ".");
        }
        return requested;
    }

    private static String ticket(String ticket) {
        if (ticket == null || ticket.isBlank()) {
            return null;
        }
        String value = ticket.strip();
        if (value.length() > MAX_TICKET || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("ticket", "A ticket reference is at most " + MAX_TICKET + " printable characters.");
        }
        return value;
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("No access request " + id + " that you may see.");
    }
}
