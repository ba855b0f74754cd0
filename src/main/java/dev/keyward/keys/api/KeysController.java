package dev.keyward.keys.api;

import dev.keyward.common.NotFoundException;
import dev.keyward.common.Paging;
import dev.keyward.keys.Destruction;
import dev.keyward.keys.KeyDestructionService;
import dev.keyward.keys.KeyFilter;
import dev.keyward.keys.KeyRetirementService;
import dev.keyward.keys.Retirement;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.KeyRotationService;
import dev.keyward.keys.KeyService;
import dev.keyward.keys.KeyStateRequestService;
import dev.keyward.keys.StateRequest;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.ManagedKey;
import dev.keyward.keys.NewKey;
import dev.keyward.keys.Rotation;
import dev.keyward.keys.RotationPeriods;
import dev.keyward.keys.Sensitivity;
import dev.keyward.keys.internal.RotationLogCsv;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The key inventory and lifecycle. */
@RestController
@RequestMapping("/api/v1/keys")
@Tag(name = "Keys", description = "Managed keys, their versions and NIST SP 800-57 lifecycle")
class KeysController {

    private final KeyService keys;
    private final KeyRotationService rotations;
    private final KeyDestructionService destructions;
    private final KeyRetirementService retirements;
    private final KeyStateRequestService stateRequests;

    KeysController(KeyService keys, KeyRotationService rotations, KeyDestructionService destructions,
                   KeyRetirementService retirements, KeyStateRequestService stateRequests) {
        this.keys = keys;
        this.rotations = rotations;
        this.destructions = destructions;
        this.retirements = retirements;
        this.stateRequests = stateRequests;
    }

    @GetMapping
    @Operation(summary = "List keys", description = "The catalogue; versions and history for security officers, "
            + "auditors and the key's owner.")
    List<ManagedKey> list(@RequestParam(required = false) KeyState state, @RequestParam(required = false) Sensitivity sensitivity,
                          @RequestParam(required = false) String owner, @RequestParam(required = false) KeyPurpose purpose,
                          @RequestParam(required = false) String search, @RequestParam(defaultValue = "false") boolean overdue,
                          @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        int offset = Paging.offset(page, size, 500);
        return keys.find(new KeyFilter(state, sensitivity, owner, purpose, search, overdue), offset, size);
    }

    @GetMapping("/{alias}")
    @Operation(summary = "One key", description = "With versions (check values, cryptoperiods) and state history "
            + "where the caller may see them.")
    ManagedKey get(@PathVariable String alias) {
        return keys.get(alias);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a key", description = "Security officers. Generated in the HSM, PRE_ACTIVATION. "
            + "Algorithms: AES_256, HMAC_SHA256, EC_P256, EC_P384, RSA_3072, RSA_4096.")
    ManagedKey create(@Valid @RequestBody CreateKey request) {
        return keys.create(new NewKey(request.alias(), request.algorithm(), request.purpose(), request.sensitivity(),
                request.owner(), request.description()));
    }

    @PostMapping("/{alias}/transitions")
    @Operation(summary = "Change a key's state", description = "The moves one person makes: activate a new key, suspend, "
            + "mark compromised (which opens an emergency rotation). Re-activation and deactivation are requested "
            + "(POST .../state-requests), destruction too (POST .../destructions); any other move is refused with 409 and "
            + "nothing changes.")
    ManagedKey transition(@PathVariable String alias, @Valid @RequestBody Transition request) {
        return keys.transition(alias, request.to(), request.reason());
    }

    @PostMapping("/{alias}/rotations")
    @Operation(summary = "Ask to rotate a key", description = "Security officers and the key's owner, for an ACTIVE "
            + "key: {\"reason\": \"yearly rotation\"}. 202 with the rotation's location: the key owner (their manager "
            + "when the owner asks) and a security officer (two for CRITICAL keys) approve with their passkeys, then a "
            + "new version is created, self-tested and made current; older versions still decrypt and verify.")
    ResponseEntity<Rotation> rotate(@PathVariable String alias, @Valid @RequestBody RotationRequest request) {
        Rotation rotation = rotations.request(alias, request.reason());
        return accepted("/api/v1/keys/" + alias + "/rotations/" + rotation.id(), rotation);
    }

    /** 202 with where the governed change can be followed: it happens once approved. */
    private static <T> ResponseEntity<T> accepted(String location, T change) {
        return ResponseEntity.accepted().location(URI.create(location)).body(change);
    }

    @GetMapping("/{alias}/rotations")
    @Operation(summary = "A key's rotation log", description = "Every rotation, newest first: trigger, reason, requester, "
            + "approvers with whether their signatures verify now, old and new version with key check values, times. "
            + "For the key's owner, security officers and auditors. With Accept: text/csv, the same as CSV.")
    List<Rotation> rotations(@PathVariable String alias) {
        return rotations.log(alias);
    }

    @GetMapping(value = "/{alias}/rotations", produces = "text/csv")
    ResponseEntity<String> rotationsCsv(@PathVariable String alias) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + alias + "-rotations.csv\"")
                .body(RotationLogCsv.of(rotations.log(alias)));
    }

    @GetMapping("/{alias}/rotations/{id}")
    @Operation(summary = "One rotation")
    Rotation rotation(@PathVariable String alias, @PathVariable String id) {
        return rotations.get(alias, id);
    }

    @GetMapping("/{alias}/rotation-schedule")
    @Operation(summary = "A key's rotation schedule", description = "The period in force (its own, or the default for "
            + "its sensitivity), the current version and its rotation date; 404 unless the key is ACTIVE.")
    RotationPeriods.Schedule rotationSchedule(@PathVariable String alias) {
        return rotations.schedule(alias).orElseThrow(() -> new NotFoundException("Key '" + alias + "' has no rotation "
                + "schedule: it does not exist or is not ACTIVE."));
    }

    @PutMapping("/{alias}/rotation-schedule")
    @Operation(summary = "Set a key's rotation period", description = "Security officers: {\"periodDays\": 90}, between 30 "
            + "days and the key's originator cryptoperiod (730 days; HIGH 365; CRITICAL 182); null returns to the default.")
    RotationPeriods.Schedule setRotationSchedule(@PathVariable String alias, @RequestBody PeriodChange request) {
        return rotations.setPeriod(alias, request.periodDays());
    }

    @PostMapping("/{alias}/destructions")
    @Operation(summary = "Ask to destroy a key", description = "Security officers and the key's owner: {\"reason\": "
            + "\"...\", \"waitingDays\": 30, \"override\": null}. 202 with the destruction's location. Two security officers "
            + "other than the requester approve with their passkeys; the key is then DESTROY_SCHEDULED (unusable, "
            + "cancellable) for the waiting period (at least the default for its sensitivity, at most 90 days), then every "
            + "version is destroyed on every token. 409 while the key has active grants or recent use, unless an override "
            + "reason is given, which the approvers sign.")
    ResponseEntity<Destruction> destroy(@PathVariable String alias, @RequestBody Destruction.Request request) {
        Destruction destruction = destructions.request(alias, request);
        return accepted("/api/v1/keys/" + alias + "/destructions/" + destruction.id(), destruction);
    }

    @GetMapping("/{alias}/destructions")
    @Operation(summary = "A key's destructions", description = "Newest first, with approvers and whether their "
            + "signatures verify now. For the key's owner, security officers and auditors.")
    List<Destruction> destructions(@PathVariable String alias) {
        return destructions.log(alias);
    }

    @GetMapping("/{alias}/destructions/{id}")
    @Operation(summary = "One destruction")
    Destruction destruction(@PathVariable String alias, @PathVariable String id) {
        return destructions.get(alias, id);
    }

    @PostMapping("/{alias}/destructions/{id}/cancel")
    @Operation(summary = "Cancel a scheduled destruction", description = "During the waiting period, for the key's owner, "
            + "the requester and security officers: {\"reason\": \"...\"}. The key returns to its state before. 409 once "
            + "the wait is over or the key is destroyed.")
    Destruction cancelDestruction(@PathVariable String alias, @PathVariable String id, @RequestBody ReasonBody request) {
        return destructions.cancel(alias, id, request.reason());
    }

    @PostMapping("/{alias}/versions/{version}/retirements")
    @Operation(summary = "Ask to retire an old version", description = "Security officers and the key's owner: "
            + "{\"reason\": \"...\", \"override\": null}. 202 with the retirement's location. 409 while the rewrap census "
            + "(GET .../census) shows use of the version in the last 30 days (keyward.keys.retirement.quiet-days), unless "
            + "an override reason is given, which the approvers sign; 409 for the current version. The key owner (their "
            + "manager when the owner asks) and a security officer approve; then the version decrypts and verifies nothing.")
    ResponseEntity<Retirement> retire(@PathVariable String alias, @PathVariable int version,
                                      @RequestBody Retirement.Request request) {
        Retirement retirement = retirements.request(alias, version, request);
        return accepted("/api/v1/keys/" + alias + "/retirements/" + retirement.id(), retirement);
    }

    @GetMapping("/{alias}/retirements")
    @Operation(summary = "A key's version retirements", description = "Newest first, with approvers. For the key's "
            + "owner, security officers and auditors.")
    List<Retirement> retirements(@PathVariable String alias) {
        return retirements.log(alias);
    }

    @GetMapping("/{alias}/retirements/{id}")
    @Operation(summary = "One version retirement")
    Retirement retirement(@PathVariable String alias, @PathVariable String id) {
        return retirements.get(alias, id);
    }

    @PostMapping("/{alias}/state-requests")
    @Operation(summary = "Ask to re-activate or deactivate a key", description = "Security officers and the key's owner: "
            + "{\"to\": \"ACTIVE\" (from SUSPENDED) or \"DEACTIVATED\", \"reason\": \"...\"}. 202; the key owner (their "
            + "manager when the owner asks) and a security officer approve, then the key moves. Moves that only narrow use "
            + "(suspend, mark compromised) stay immediate: POST .../transitions.")
    ResponseEntity<StateRequest> requestState(@PathVariable String alias, @RequestBody StateBody request) {
        return ResponseEntity.accepted().body(stateRequests.request(alias, request.to(), request.reason()));
    }

    @GetMapping("/{alias}/state-requests")
    @Operation(summary = "A key's state change requests", description = "Newest first, with approvers. For the key's "
            + "owner, security officers and auditors.")
    List<StateRequest> stateRequests(@PathVariable String alias) {
        return stateRequests.log(alias);
    }

    record StateBody(KeyState to, String reason) {
    }

    record ReasonBody(String reason) {
    }

    record PeriodChange(Integer periodDays) {
    }

    record RotationRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    record CreateKey(@NotBlank @Size(max = 64) String alias, @NotBlank @Size(max = 30) String algorithm,
                     @NotNull KeyPurpose purpose, @NotNull Sensitivity sensitivity, @NotBlank @Size(max = 64) String owner,
                     @Size(max = 1000) String description) {
    }

    record Transition(@NotNull KeyState to, @NotBlank @Size(max = 1000) String reason) {
    }
}
