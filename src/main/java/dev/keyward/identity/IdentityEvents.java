package dev.keyward.identity;

import dev.keyward.audit.AuditActor;
import dev.keyward.audit.AuditOutcome;
import dev.keyward.audit.AuditTarget;
import dev.keyward.audit.AuditableEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The identity module's past-tense events; each is written to the audit log in the transaction that caused it. */
public final class IdentityEvents {

    private IdentityEvents() {
    }

    private static AuditTarget person(String username) {
        return new AuditTarget("person", username);
    }

    /** How someone proved who they are. */
    public enum Method { PASSWORD, PASSKEY }

    public record SignedIn(String username, String displayName, Method method) implements AuditableEvent {
        public String action() { return "identity.sign-in"; }
        public AuditTarget target() { return person(username); }
        public Map<String, ?> details() { return Map.of("method", method); }
        public Optional<AuditActor> actor() { return Optional.of(new AuditActor(username, displayName)); }
    }

    /** A refused sign-in; {@code reason} is for auditors only (the person sees one message for all). */
    public record SignInFailed(String attemptedUsername, Method method, String reason) implements AuditableEvent {
        public String action() { return "identity.sign-in"; }
        public AuditTarget target() { return person(attemptedUsername); }
        public AuditOutcome outcome() { return AuditOutcome.FAILURE; }
        public Map<String, ?> details() { return Map.of("method", method, "reason", reason); }
        public Optional<AuditActor> actor() { return Optional.of(new AuditActor(attemptedUsername, "unauthenticated")); }
    }

    public record AccountLocked(String username, int consecutiveFailures) implements AuditableEvent {
        public String action() { return "identity.account.locked"; }
        public AuditTarget target() { return person(username); }
        public Map<String, ?> details() { return Map.of("consecutiveFailures", consecutiveFailures); }
        public Optional<AuditActor> actor() { return Optional.of(AuditActor.SYSTEM); }
    }

    public record AccountUnlocked(String username) implements AuditableEvent {
        public String action() { return "identity.account.unlocked"; }
        public AuditTarget target() { return person(username); }
    }

    /** {@code manager} as set by whoever added the person (null: none); {@code passwordSet}: whether they chose one. */
    public record PersonAdded(String username, Set<String> roles, String manager, boolean passwordSet) implements AuditableEvent {
        public String action() { return "identity.person.added"; }
        public AuditTarget target() { return person(username); }
        public Map<String, ?> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("roles", new TreeSet<>(roles));
            details.put("manager", manager == null ? "none" : manager);
            details.put("passwordSet", passwordSet);
            return details;
        }
    }

    public record PasswordRemoved(String username) implements AuditableEvent {
        public String action() { return "identity.password.removed"; }
        public AuditTarget target() { return person(username); }
        public Map<String, ?> details() { return Map.of(); }
    }

    public record RolesChanged(String username, Set<String> before, Set<String> after) implements AuditableEvent {
        public String action() { return "identity.person.roles-changed"; }
        public AuditTarget target() { return person(username); }
        public Map<String, ?> details() { return Map.of("before", new TreeSet<>(before), "after", new TreeSet<>(after)); }
    }

    /** A privileged role was asked for somebody; it waits for two approvers. */
    public record RoleRequested(String requestId, String username, String role, String requester, String reason)
            implements AuditableEvent {
        public String action() { return "identity.role.requested"; }
        public AuditTarget target() { return person(username); }
        public Map<String, ?> details() {
            return Map.of("request", requestId, "role", role, "requester", requester, "reason", reason);
        }
    }

    /** A privileged role request ended: granted (the role is applied in the same transaction), rejected, expired, refused. */
    public record RoleRequestClosed(String requestId, String username, String role, RoleRequestStatus status,
                                    String result) implements AuditableEvent {
        public String action() { return "identity.role.request-closed"; }
        public AuditTarget target() { return person(username); }
        public AuditOutcome outcome() {
            return switch (status) {
                case GRANTED, PENDING, WITHDRAWN -> AuditOutcome.SUCCESS;
                case REJECTED -> AuditOutcome.DENIED;
                case EXPIRED, REFUSED -> AuditOutcome.FAILURE;
            };
        }
        public Map<String, ?> details() {
            return Map.of("request", requestId, "role", role, "status", status, "result", result);
        }
    }

    public record StatusChanged(String username, PersonStatus before, PersonStatus after) implements AuditableEvent {
        public String action() { return "identity.person.status-changed"; }
        public AuditTarget target() { return person(username); }
        public Map<String, ?> details() { return Map.of("before", before, "after", after); }
    }

    public record PasskeyAdded(String username, String credentialId, String label) implements AuditableEvent {
        public String action() { return "identity.passkey.added"; }
        public AuditTarget target() { return new AuditTarget("passkey", credentialId); }
        public Map<String, ?> details() { return Map.of("owner", username, "label", label); }
    }

    public record PasskeyRenamed(String username, String credentialId, String label) implements AuditableEvent {
        public String action() { return "identity.passkey.renamed"; }
        public AuditTarget target() { return new AuditTarget("passkey", credentialId); }
        public Map<String, ?> details() { return Map.of("owner", username, "label", label); }
    }

    public record PasskeyRemoved(String username, String credentialId, String label, String publicKeySha256)
            implements AuditableEvent {
        public String action() { return "identity.passkey.removed"; }
        public AuditTarget target() { return new AuditTarget("passkey", credentialId); }
        public Map<String, ?> details() { return Map.of("owner", username, "label", label, "publicKeySha256", publicKeySha256); }
    }

    public record ApiTokenCreated(String owner, long tokenId, String name, Instant expiresAt) implements AuditableEvent {
        public String action() { return "identity.api-token.created"; }
        public AuditTarget target() { return new AuditTarget("api-token", Long.toString(tokenId)); }
        public Map<String, ?> details() { return Map.of("owner", owner, "name", name, "expiresAt", expiresAt); }
    }

    public record ApiTokenRevoked(String owner, long tokenId) implements AuditableEvent {
        public String action() { return "identity.api-token.revoked"; }
        public AuditTarget target() { return new AuditTarget("api-token", Long.toString(tokenId)); }
        public Map<String, ?> details() { return Map.of("owner", owner); }
    }

    /** A request with a token that is known but not usable (expired, revoked, owner inactive) or unknown. */
    public record ApiTokenRejected(String tokenId, String owner, String reason) implements AuditableEvent {
        public String action() { return "identity.api-token.rejected"; }
        public AuditTarget target() { return new AuditTarget("api-token", tokenId); }
        public AuditOutcome outcome() { return AuditOutcome.DENIED; }
        public Map<String, ?> details() { return Map.of("reason", reason); }
        public Optional<AuditActor> actor() {
            return Optional.of(owner == null ? new AuditActor("unknown", "unknown token") : new AuditActor(owner, owner));
        }
    }

    /** An authenticated API caller asked for something their roles do not allow. */
    public record ApiAccessDenied(String method, String path, String reason) implements AuditableEvent {
        public String action() { return "identity.api.access-denied"; }
        public AuditTarget target() { return new AuditTarget("endpoint", method + " " + path); }
        public AuditOutcome outcome() { return AuditOutcome.DENIED; }
        public Map<String, ?> details() { return Map.of("reason", reason); }
    }

    public record ServiceAccountCreated(String name, String owner, String description) implements AuditableEvent {
        public String action() { return "identity.service-account.created"; }
        public AuditTarget target() { return new AuditTarget("service-account", name); }
        public Map<String, ?> details() { return Map.of("owner", owner, "description", description); }
    }

    public record ServiceAccountStatusChanged(String name, ServiceAccount.Status status) implements AuditableEvent {
        public String action() { return "identity.service-account.status-changed"; }
        public AuditTarget target() { return new AuditTarget("service-account", name); }
        public Map<String, ?> details() { return Map.of("status", status); }
    }
}
