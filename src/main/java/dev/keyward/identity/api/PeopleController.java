package dev.keyward.identity.api;

import dev.keyward.identity.NewPerson;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Person;
import dev.keyward.identity.PersonStatus;
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

    PeopleController(PeopleService people) {
        this.people = people;
    }

    @GetMapping
    @Operation(summary = "List people")
    List<Person> list() {
        return people.list();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a person", description = "Until the HR feed (SCIM) arrives, administrators add people here. "
            + "The password is optional: without one the person can only be enrolled with a passkey later.")
    Person create(@Valid @RequestBody NewPersonRequest request) {
        return people.create(new NewPerson(request.username(), request.displayName(), request.email(),
                request.department(), request.manager(), request.roles() == null ? Set.of() : request.roles(),
                request.password()));
    }

    @GetMapping("/{username}")
    @Operation(summary = "One person")
    Person get(@PathVariable String username) {
        return people.get(username);
    }

    @PutMapping("/{username}/roles")
    @Operation(summary = "Replace a person's roles", description = "EMPLOYEE is always kept; admins cannot change their own roles.")
    Person changeRoles(@PathVariable String username, @Valid @RequestBody RolesChange request) {
        return people.changeRoles(username, request.roles());
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
                            @Size(max = 64) String manager, Set<String> roles, @Size(min = 12, max = 200) String password) {
    }

    record RolesChange(@NotNull Set<String> roles) {
    }

    record StatusChange(@NotNull PersonStatus status) {
    }
}
