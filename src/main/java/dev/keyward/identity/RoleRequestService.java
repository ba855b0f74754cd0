package dev.keyward.identity;

import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import dev.keyward.common.ui.Words;
import dev.keyward.identity.IdentityEvents.RoleRequestClosed;
import dev.keyward.identity.IdentityEvents.RoleRequested;
import dev.keyward.identity.IdentityEvents.RolesChanged;
import dev.keyward.identity.internal.PersonEntity;
import dev.keyward.identity.internal.PersonRepository;
import dev.keyward.identity.internal.RoleRequestStore;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Privileged roles by dual control (PCI DSS 3.7.6, NIST SP 800-53 AC-5): SECURITY_OFFICER, AUDITOR and ADMIN are
 * never given on one person's word. Asking opens a request and its approval ({@link RoleApprovals}); the role is
 * applied only when the approval is complete and every signature verifies. Taking a role away stays immediate.
 */
@Service
@Transactional
public class RoleRequestService {

    /** The roles that need a second and third pair of eyes. */
    public static final Set<String> DUAL_CONTROL = Set.of(Roles.SECURITY_OFFICER, Roles.AUDITOR, Roles.ADMIN);
    static final int MAX_REASON = 500;

    private final RoleRequestStore store;
    private final PersonRepository people;
    private final ObjectProvider<RoleApprovals> approvals;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RoleRequestService(RoleRequestStore store, PersonRepository people, ObjectProvider<RoleApprovals> approvals,
                       CurrentUser currentUser, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.people = people;
        this.approvals = approvals;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Asks for {@code role} for {@code username} on the signed-in administrator's word and starts its approval.
     * Refused for oneself, for a person who is not ACTIVE, twice for the same role, and for a combination that
     * would let one person check their own work (auditor and security officer).
     */
    @RolesAllowed(Roles.ADMIN)
    public RoleRequest request(String username, String role, String reason) {
        String me = currentUser.requireUsername();
        if (!DUAL_CONTROL.contains(role)) {
            throw new InvalidInputException("roles", role + " is not a privileged role; it is given without approval.");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new InvalidInputException("reason", "Say why " + username + " needs " + Words.of(role)
                    + ": the approvers read it.");
        }
        if (why.length() > MAX_REASON) {
            throw new InvalidInputException("reason", "A reason has at most " + MAX_REASON + " characters.");
        }
        if (username.equals(me)) {
            throw new ConflictException("You cannot ask for a role for yourself; another administrator has to.");
        }
        PersonEntity person = people.findByUsername(username)
                .orElseThrow(() -> new NotFoundException("No person with username '" + username + "'."));
        if (person.getStatus() != PersonStatus.ACTIVE) {
            throw new ConflictException(username + " is " + person.getStatus().name().toLowerCase()
                    + "; only active people receive roles.");
        }
        if (person.getRoles().contains(role)) {
            throw new ConflictException(username + " already holds " + Words.of(role) + ".");
        }
        List<RoleRequest> pending = store.pendingFor(username);
        if (pending.stream().anyMatch(r -> r.role().equals(role))) {
            throw new ConflictException("A request for " + Words.of(role) + " for " + username
                    + " is already waiting for approval.");
        }
        Set<String> would = new HashSet<>(person.getRoles());
        pending.forEach(r -> would.add(r.role()));
        would.add(role);
        refuseSelfChecking(username, would);
        RoleApprovals workflow = approvals.getIfAvailable();
        if (workflow == null) {
            throw new ConflictException("Privileged roles are granted through an approval, and none can be started "
                    + "here; nothing was changed.");
        }
        RoleRequest request = new RoleRequest(UUID.randomUUID().toString(), username, role, me, why,
                RoleRequestStatus.PENDING, null, null, clock.instant(), null);
        store.insert(request);
        events.publishEvent(new RoleRequested(request.id(), username, role, me, why));
        workflow.start(request);
        return store.find(request.id()).orElseThrow();
    }

    /** Every request waiting for approval, oldest first: the People page shows them beside the roles. */
    @RolesAllowed({Roles.ADMIN, Roles.SECURITY_OFFICER, Roles.AUDITOR})
    @Transactional(readOnly = true)
    public List<RoleRequest> pending() {
        return store.pending();
    }

    /** The requests for {@code username} still waiting for approval. */
    @RolesAllowed({Roles.ADMIN, Roles.SECURITY_OFFICER, Roles.AUDITOR})
    @Transactional(readOnly = true)
    public List<RoleRequest> pendingFor(String username) {
        return store.pendingFor(username);
    }

    /** One request: for its approval's workflow and inbox card, which check who may see it themselves. */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true)
    public RoleRequest get(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("No role request " + id + "."));
    }

    /** Called by the approval workflow once its approval is open; a request's approval is attached once, for good. */
    @PreAuthorize("permitAll()")
    public void attachApproval(String id, String approvalId) {
        if (!store.attachApproval(id, approvalId)) {
            throw new ConflictException("Role request " + id + " has its approval already.");
        }
    }

    /**
     * Applies an approved request, but only once the approval engine authorizes exactly this request now (asked here,
     * whoever calls), the person is still ACTIVE and the combination still allowed. Returns why nothing was applied,
     * if so.
     */
    @PreAuthorize("permitAll()")
    public Optional<String> grant(String id) {
        RoleRequest request = store.lock(id).orElseThrow(() -> new NotFoundException("No role request " + id + "."));
        if (request.status() != RoleRequestStatus.PENDING) {
            return Optional.of("The request is already " + request.status().label().toLowerCase() + ".");
        }
        RoleApprovals engine = approvals.getIfAvailable();
        Optional<String> unauthorized = engine == null ? Optional.of("No approval engine can authorize it here.")
                : engine.refusalToApply(request);
        if (unauthorized.isPresent()) {
            return unauthorized;
        }
        PersonEntity person = people.findByUsername(request.username()).orElseThrow();
        if (person.getStatus() != PersonStatus.ACTIVE) {
            return Optional.of(request.username() + " is no longer active.");
        }
        Set<String> before = Set.copyOf(person.getRoles());
        Set<String> after = new HashSet<>(before);
        after.add(request.role());
        try {
            refuseSelfChecking(request.username(), after);
        } catch (ConflictException e) {
            return Optional.of(e.getMessage());
        }
        person.setRoles(after);
        events.publishEvent(new RolesChanged(request.username(), before, person.getRoles()));
        close(request, RoleRequestStatus.GRANTED, "Granted.");
        return Optional.empty();
    }

    /** Ends a request without applying it (rejected, expired, or approved but refused). */
    @PreAuthorize("permitAll()")
    public void close(String id, RoleRequestStatus status, String outcome) {
        if (status == RoleRequestStatus.GRANTED || status == RoleRequestStatus.PENDING) {
            throw new IllegalArgumentException("Only grant() grants.");
        }
        close(store.find(id).orElseThrow(), status, outcome);
    }

    private void close(RoleRequest request, RoleRequestStatus status, String outcome) {
        if (store.close(request.id(), status, outcome, clock.instant())) {
            events.publishEvent(new RoleRequestClosed(request.id(), request.username(), request.role(), status, outcome));
        }
    }

    /** Auditors check what security officers approve: one person is never both. */
    static void refuseSelfChecking(String username, Set<String> roles) {
        if (roles.contains(Roles.AUDITOR) && roles.contains(Roles.SECURITY_OFFICER)) {
            throw new ConflictException(username + " would be both auditor and security officer; auditors check what "
                    + "officers approve, so one person is never both.");
        }
    }
}
