package dev.keyward.access.api;

import dev.keyward.access.AccessPolicy;
import dev.keyward.access.AccessPolicyService;
import dev.keyward.access.AccessRequest;
import dev.keyward.access.AccessRequestService;
import dev.keyward.access.Grant;
import dev.keyward.access.GrantService;
import dev.keyward.access.NewAccessRequest;
import dev.keyward.access.Permission;
import dev.keyward.common.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Access requests, grants and the key-handling policy. Decisions are browser-only: they need a passkey. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Access", description = "Access requests, grants and the key-handling policy")
class AccessController {

    private final AccessRequestService requests;
    private final GrantService grants;
    private final AccessPolicyService policy;

    AccessController(AccessRequestService requests, GrantService grants, AccessPolicyService policy) {
        this.requests = requests;
        this.grants = grants;
        this.policy = policy;
    }

    record NewRequestBody(String key, Set<Permission> permissions, String beneficiary, String justification,
                          Integer durationDays, String ticket) {
    }

    record Created(String id, String status, String location) {
    }

    @PostMapping("/access-requests")
    @Operation(summary = "Request access to a key", description = "Starts the approval the key's sensitivity calls "
            + "for. Example: {\"key\": \"payments-dek\", \"permissions\": [\"USE_ENCRYPT\"], \"justification\": \"...\", "
            + "\"durationDays\": 30}. The key-handling policy must be acknowledged first.")
    ResponseEntity<Created> submit(@RequestBody NewRequestBody body) {
        AccessRequest request = requests.submit(new NewAccessRequest(body.key(), body.permissions(), body.beneficiary(),
                body.justification(), body.durationDays(), body.ticket()));
        String location = "/api/v1/access-requests/" + request.id();
        return ResponseEntity.created(URI.create(location)).body(new Created(request.id(), request.status().name(), location));
    }

    @GetMapping("/access-requests/{id}")
    @Operation(summary = "One access request", description = "Status, timeline, approval slots and every signed "
            + "decision with its verification result; for the people involved, security officers and auditors.")
    AccessRequest get(@PathVariable String id) {
        return requests.get(id);
    }

    @GetMapping("/grants")
    @Operation(summary = "Grants", description = "Filter by key and/or principal; everyone sees their own grants, "
            + "key owners those on their keys, security officers and auditors all.")
    List<Grant> grants(@RequestParam(required = false) String key, @RequestParam(required = false) String principal,
                       @RequestParam(defaultValue = "false") boolean activeOnly) {
        return grants.find(key, principal, activeOnly);
    }

    record Revocation(String reason) {
    }

    @PostMapping("/grants/{id}/revoke")
    @Operation(summary = "Revoke a grant before its end", description = "For the key's owner and security officers, "
            + "with a reason: {\"reason\": \"...\"}. The next use is refused; the request's process ends.")
    Grant revoke(@PathVariable String id, @RequestBody Revocation body) {
        return grants.revoke(id, body.reason());
    }

    @GetMapping("/access-policy")
    @Operation(summary = "The key-handling policy in force")
    AccessPolicy currentPolicy() {
        return policy.current();
    }

    record Acknowledgement(@NotNull Integer version) {
    }

    @PostMapping("/policy-acknowledgements")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Acknowledge the key-handling policy", description = "By the caller, for the version in "
            + "force: {\"version\": 1}.")
    AccessPolicy acknowledge(@RequestBody Acknowledgement body) {
        if (body.version() == null) {
            throw new InvalidInputException("Say which policy version you acknowledge: {\"version\": n}.");
        }
        return policy.acknowledge(body.version());
    }
}
