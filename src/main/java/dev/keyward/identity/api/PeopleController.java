package dev.keyward.identity.api;

import dev.keyward.identity.NewPerson;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Person;
import dev.keyward.identity.PersonStatus;
import dev.keyward.identity.RoleRequest;
import dev.keyward.identity.RoleRequestService;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The people directory for administrators, security officers and auditors; changes are for administrators. */
@RestController
@RequestMapping("/api/v1/people")
@Tag(name = "People", description = "People, their roles and sign-in locks")
class PeopleController {

    private final PeopleService people;
    private final RoleRequestService roleRequests;

    PeopleController(PeopleService people, RoleRequestService roleRequests) {
        this.people = people;
        this.roleRequests = roleRequests;
    }

    /** A person with the privileged roles asked for them that still wait for approval. */
    record PersonView(@JsonUnwrapped Person person, List<RoleRequest> pendingRoleRequests) {
    }

    private PersonView view(Person person) {
        return new PersonView(person, roleRequests.pendingFor(person.username()));
    }

    @GetMapping
    @Operation(summary = "List people")
    List<Person> list() {
        return people.list();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a person", description = "Until the HR feed (SCIM) arrives, administrators add people here. "
            + "The password is optional: without one the person can only be enrolled with a passkey later. A new "
            + "person is an EMPLOYEE: SECURITY_OFFICER, AUDITOR and ADMIN among the roles are requested (say why in "
            + "reason) and applied once two security officers or administrators approve; see pendingRoleRequests.")
    PersonView create(@Valid @RequestBody NewPersonRequest request) {
        return view(people.create(new NewPerson(request.username(), request.displayName(), request.email(),
                request.department(), request.manager(), request.roles() == null ? Set.of() : request.roles(),
                request.password()), request.reason()));
    }

    @GetMapping("/{username}")
    @Operation(summary = "One person")
    PersonView get(@PathVariable String username) {
        return view(people.get(username));
    }

    @PutMapping("/{username}/roles")
    @Operation(summary = "Set a person's roles", description = "EMPLOYEE is always kept; admins cannot change their own "
            + "roles. Roles left out are taken away at once. SECURITY_OFFICER, AUDITOR and ADMIN added are requested "
            + "(say why in reason): 202 with pendingRoleRequests; they apply once two security officers or "
            + "administrators, neither you nor the person, approve with their passkeys.")
    ResponseEntity<PersonView> changeRoles(@PathVariable String username, @Valid @RequestBody RolesChange request) {
        int before = roleRequests.pendingFor(username).size();
        PersonView changed = view(people.changeRoles(username, request.roles(), request.reason()));
        return ResponseEntity.status(changed.pendingRoleRequests().size() > before ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(changed);
    }

    @PutMapping("/{username}/status")
    @Operation(summary = "Change a person's status", description = "ACTIVE, SUSPENDED or LEFT.")
    Person changeStatus(@PathVariable String username, @Valid @RequestBody StatusChange request) {
        return people.changeStatus(username, request.status());
    }

    @PostMapping("/{username}/unlock")
    @Operation(summary = "Unlock sign-in", description = "Lifts the lock set after too many failed sign-ins.")
    Person unlock(@PathVariable String username) {
        return people.unlock(username);
    }

    record NewPersonRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 200) String displayName,
                            @NotBlank @Email @Size(max = 254) String email, @Size(max = 100) String department,
                            @Size(max = 64) String manager, Set<String> roles, @Size(min = 12, max = 200) String password,
                            @Size(max = 500) String reason) {
    }

    record RolesChange(@NotNull Set<String> roles, @Size(max = 500) String reason) {
    }

    record StatusChange(@NotNull PersonStatus status) {
    }
}
