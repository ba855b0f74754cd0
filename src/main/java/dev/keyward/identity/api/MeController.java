package dev.keyward.identity.api;

import dev.keyward.identity.ApiToken;
import dev.keyward.identity.ApiTokenService;
import dev.keyward.identity.IssuedApiToken;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Person;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own profile and personal API tokens. */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Me", description = "The calling person and their personal API tokens")
class MeController {

    private final PeopleService people;
    private final ApiTokenService tokens;

    MeController(PeopleService people, ApiTokenService tokens) {
        this.people = people;
        this.tokens = tokens;
    }

    @GetMapping
    @Operation(summary = "Who am I", description = "The person the token belongs to, with their roles.")
    Person me() {
        return people.me();
    }

    @GetMapping("/tokens")
    @Operation(summary = "List my API tokens", description = "Metadata only; secrets are never shown again.")
    List<ApiToken> tokens() {
        return tokens.list();
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an API token", description = "The response holds the secret; it is shown only once.")
    IssuedApiToken create(@Valid @RequestBody NewToken request) {
        return tokens.create(request.name(), Duration.ofDays(request.expiresInDays()));
    }

    @DeleteMapping("/tokens/{id}")
    @Operation(summary = "Revoke one of my API tokens", description = "It stops working on the next request.")
    ApiToken revoke(@PathVariable long id) {
        return tokens.revoke(id);
    }

    /** A token request; the lifetime is in whole days, at most 90. */
    record NewToken(@NotBlank @Size(max = 100) String name, @Min(1) @Max(90) int expiresInDays) {
    }
}
