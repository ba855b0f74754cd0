package dev.keyward.identity.api;

import dev.keyward.identity.ApiToken;
import dev.keyward.identity.IssuedApiToken;
import dev.keyward.identity.ServiceAccount;
import dev.keyward.identity.ServiceAccountService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Service accounts and their API tokens, for their owners (and, read-only or to disable, for oversight roles). */
@RestController
@RequestMapping("/api/v1/service-accounts")
@Tag(name = "Service accounts", description = "Application identities owned by people; request access for them, "
        + "then call the crypto API with their tokens")
class ServiceAccountsController {

    private final ServiceAccountService accounts;

    ServiceAccountsController(ServiceAccountService accounts) {
        this.accounts = accounts;
    }

    record NewServiceAccount(@NotBlank @Size(max = 64) String name, @NotBlank @Size(max = 500) String description) {
    }

    record NewToken(@NotBlank @Size(max = 100) String name, @Min(1) @Max(90) int expiresInDays) {
    }

    record StatusChange(@NotNull ServiceAccount.Status status) {
    }

    @GetMapping
    @Operation(summary = "Service accounts", description = "The caller's own; with all=true every account (security "
            + "officers, auditors, administrators).")
    List<ServiceAccount> list(@RequestParam(defaultValue = "false") boolean all) {
        return all ? accounts.all() : accounts.mine();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a service account", description = "The caller becomes its owner: "
            + "{\"name\": \"payments-app\", \"description\": \"Encrypts card data for the payment service\"}.")
    ServiceAccount create(@Valid @RequestBody NewServiceAccount request) {
        return accounts.create(request.name(), request.description());
    }

    @GetMapping("/{name}")
    @Operation(summary = "One service account")
    ServiceAccount get(@PathVariable String name) {
        return accounts.get(name);
    }

    @PutMapping("/{name}/status")
    @Operation(summary = "Disable or enable a service account", description = "{\"status\": \"DISABLED\"} stops every "
            + "token of the account on its next call. Owners; security officers may disable any account.")
    ServiceAccount changeStatus(@PathVariable String name, @Valid @RequestBody StatusChange request) {
        return accounts.changeStatus(name, request.status());
    }

    @GetMapping("/{name}/tokens")
    @Operation(summary = "The account's API tokens", description = "Metadata and last use; secrets are never shown again.")
    List<ApiToken> tokens(@PathVariable String name) {
        return accounts.tokens(name);
    }

    @PostMapping("/{name}/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue an API token for the account", description = "Owners only. The response holds the "
            + "secret; it is shown only once: {\"name\": \"prod\", \"expiresInDays\": 90}.")
    IssuedApiToken issue(@PathVariable String name, @Valid @RequestBody NewToken request) {
        return accounts.issueToken(name, request.name(), Duration.ofDays(request.expiresInDays()));
    }

    @DeleteMapping("/{name}/tokens/{id}")
    @Operation(summary = "Revoke one of the account's tokens", description = "Owners only; it stops on the next call.")
    ApiToken revoke(@PathVariable String name, @PathVariable long id) {
        return accounts.revokeToken(name, id);
    }
}
