package dev.keyward.identity.api;

import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Person;
import dev.keyward.identity.PersonStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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

    record RolesChange(@NotNull Set<String> roles) {
    }

    record StatusChange(@NotNull PersonStatus status) {
    }
}
