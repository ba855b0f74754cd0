package dev.keyward.identity;

import dev.keyward.common.ConflictException;
import dev.keyward.common.NotFoundException;
import dev.keyward.identity.internal.AccountMakers;
import dev.keyward.identity.internal.PersonEntity;
import dev.keyward.identity.internal.PersonFactory;
import dev.keyward.identity.internal.PersonRepository;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The people directory: who works here, who manages whom, and what roles they hold. */
@Service
@Transactional
public class PeopleService {

    private final PersonRepository people;
    private final PasswordEncoder passwordEncoder;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final RoleRequestService roleRequests;

    PeopleService(PersonRepository people, PasswordEncoder passwordEncoder, CurrentUser currentUser, Clock clock,
                  ApplicationEventPublisher events, RoleRequestService roleRequests) {
        this.roleRequests = roleRequests;
        this.people = people;
        this.passwordEncoder = passwordEncoder;
        this.currentUser = currentUser;
        this.clock = clock;
        this.events = events;
    }

    /** The signed-in person. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Person me() {
        return load(currentUser.requireUsername()).toPerson();
    }

    /**
     * Whether {@code username} is an ACTIVE person: for other modules' own checks (key owners, approvers), which
     * may run without a signed-in person (workflows, demo data). It reveals nothing else.
     */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true)
    public boolean isActive(String username) {
        return username != null && people.existsByUsernameAndStatus(username, PersonStatus.ACTIVE);
    }

    /** A person as workflows see them (they run without a signed-in person); the views and API use {@link #get}. */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true)
    public Optional<Person> lookup(String username) {
        return people.findByUsername(username).map(PersonEntity::toPerson);
    }

    /** The org-chart manager of an ACTIVE {@code username}: for approval routing, which may run in a workflow. */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true)
    public Optional<String> managerOf(String username) {
        return people.findManagerUsername(username, PersonStatus.ACTIVE);
    }

    /**
     * Everyone's status and manager, by username: for workflows that route many items at once (a recertification
     * campaign's launch), which run without a signed-in person. Like {@link #lookup}, it reveals nothing to people.
     */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true)
    public Map<String, OrgEntry> orgChart() {
        Map<String, OrgEntry> chart = people.findOrgChart().stream().collect(Collectors.toMap(OrgEntry::username, e -> e));
        people.findMadeByHand().forEach(p -> chart.computeIfPresent(p.getUsername(), (u, e) -> e.withMakers(p.makers().keySet())));
        return chart;
    }

    /**
     * The display names of those of {@code usernames} who are people (service accounts and unknown names are left
     * out): the views show names beside usernames. The directory is no secret to the people in it.
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Map<String, String> displayNames(Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return Map.of();
        }
        return people.findDisplayNames(Set.copyOf(usernames)).stream()
                .collect(Collectors.toMap(row -> (String) row[0], row -> (String) row[1]));
    }

    /** How to reach {@code username} if they are ACTIVE: for notifications, which workflows send too. */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true)
    public Optional<Contact> contact(String username) {
        return people.findByUsername(username).filter(p -> p.getStatus() == PersonStatus.ACTIVE)
                .map(PersonEntity::toPerson).map(p -> new Contact(p.username(), p.displayName(), p.email()));
    }

    /** Whether {@code username} is ACTIVE and holds {@code role}: for other modules' own checks, also in workflows. */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true)
    public boolean isActiveWithRole(String username, String role) {
        return username != null && people.hasRole(username, PersonStatus.ACTIVE, role);
    }

    /** The ACTIVE people holding {@code role}: for routing approvals to, e.g., the security officers. */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true)
    public List<String> activeWithRole(String role) {
        return people.findUsernamesByStatusAndRole(PersonStatus.ACTIVE, role);
    }

    @RolesAllowed({Roles.ADMIN, Roles.SECURITY_OFFICER, Roles.AUDITOR})
    @Transactional(readOnly = true)
    public Person get(String username) {
        return load(username).toPerson();
    }

    @RolesAllowed({Roles.ADMIN, Roles.SECURITY_OFFICER, Roles.AUDITOR})
    @Transactional(readOnly = true)
    public List<Person> list() {
        return people.findAllByOrderByUsername().stream().map(PersonEntity::toPerson).toList();
    }

    /**
     * Who may not decide on what concerns {@code username} (their requests, grants and reviews), with the sentence
     * they are told: whoever made the account or set its manager by hand, while a password they chose still works.
     * For workflows and the approval engine, which run without a signed-in person.
     */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true)
    public Map<String, String> makersOf(String username) {
        return username == null ? Map.of() : people.findMakers(username).map(AccountMakers::conflicted).orElse(Map.of());
    }

    /** The people whose manager in the org chart is {@code username}. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<Person> directReports(String username) {
        return people.findByManagerUsernameOrderByUsername(username).stream().map(PersonEntity::toPerson).toList();
    }

    /**
     * Adds a person as an EMPLOYEE. Privileged roles asked for on the way ({@code reason} says why) are requested,
     * not given: they wait for their approval ({@link RoleRequestService}). Refused as a whole, nothing added.
     */
    @RolesAllowed(Roles.ADMIN)
    public Person create(NewPerson person, String reason) {
        Set<String> asked = PersonFactory.checkRoles(person.roles() == null ? Set.of() : person.roles());
        NewPerson employee = new NewPerson(person.username(), person.displayName(), person.email(), person.department(),
                person.managerUsername(), plain(asked), person.password());
        PersonEntity entity = PersonFactory.create(employee, people, passwordEncoder, clock);
        entity.madeBy(currentUser.requireUsername(), person.managerUsername() != null);
        Person added = entity.toPerson();
        events.publishEvent(new IdentityEvents.PersonAdded(added.username(), added.roles(), person.managerUsername(),
                person.password() != null));
        privileged(asked).forEach(role -> roleRequests.request(added.username(), role, reason));
        return added;
    }

    /**
     * Sets a person's roles (EMPLOYEE is always kept): roles taken away go at once, privileged roles added are
     * requested ({@code reason} says why) and applied only when approved. Admins cannot change their own roles.
     */
    @RolesAllowed(Roles.ADMIN)
    public Person changeRoles(String username, Set<String> roles, String reason) {
        refuseSelf(username, "change your own roles");
        PersonEntity entity = load(username);
        Set<String> before = Set.copyOf(entity.getRoles());
        Set<String> wanted = PersonFactory.checkRoles(roles);
        Set<String> now = new HashSet<>(before);
        now.retainAll(wanted);
        now.addAll(plain(wanted));
        entity.setRoles(now);
        if (!entity.getRoles().equals(before)) {
            events.publishEvent(new IdentityEvents.RolesChanged(username, before, entity.getRoles()));
        }
        Set<String> toRequest = new TreeSet<>(privileged(wanted));
        toRequest.removeAll(before);
        roleRequests.pendingFor(username).forEach(waiting -> toRequest.remove(waiting.role()));
        toRequest.forEach(role -> roleRequests.request(username, role, reason));
        return entity.toPerson();
    }

    private static Set<String> plain(Set<String> roles) {
        return roles.stream().filter(r -> !RoleRequestService.DUAL_CONTROL.contains(r)).collect(Collectors.toSet());
    }

    private static Set<String> privileged(Set<String> roles) {
        return roles.stream().filter(RoleRequestService.DUAL_CONTROL::contains).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Sets a person's status. Privileged roles follow the person: leaving or being suspended takes them away (recorded
     * as a role change), so coming back gives EMPLOYEE only and a privileged role again only by its dual-control
     * approval, never on one administrator's word.
     */
    @RolesAllowed(Roles.ADMIN)
    public Person changeStatus(String username, PersonStatus status) {
        refuseSelf(username, "change your own status");
        PersonEntity entity = load(username);
        var before = entity.getStatus();
        entity.setStatus(status);
        events.publishEvent(new IdentityEvents.StatusChanged(username, before, status));
        Set<String> roles = Set.copyOf(entity.getRoles());
        if (status != PersonStatus.ACTIVE && !privileged(roles).isEmpty()) {
            entity.setRoles(plain(roles));
            events.publishEvent(new IdentityEvents.RolesChanged(username, roles, entity.getRoles()));
        }
        return entity.toPerson();
    }

    /** Lifts a sign-in lock and clears the failure count. */
    @RolesAllowed(Roles.ADMIN)
    public Person unlock(String username) {
        PersonEntity entity = load(username);
        entity.unlock();
        events.publishEvent(new IdentityEvents.AccountUnlocked(username));
        return entity.toPerson();
    }

    private void refuseSelf(String username, String what) {
        if (currentUser.username().filter(username::equals).isPresent()) {
            throw new ConflictException("You cannot " + what + "; ask another administrator.");
        }
    }

    private PersonEntity load(String username) {
        return people.findByUsername(username)
                .orElseThrow(() -> new NotFoundException("No person with username '" + username + "'."));
    }
}
