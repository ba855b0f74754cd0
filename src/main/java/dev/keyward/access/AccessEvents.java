package dev.keyward.access;

import dev.keyward.audit.AuditOutcome;
import dev.keyward.audit.AuditTarget;
import dev.keyward.audit.AuditableEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The access module's past-tense events, audited in the transaction that caused them. */
public final class AccessEvents {

    private AccessEvents() {
    }

    public record PolicyAcknowledged(String username, int version) implements AuditableEvent {
        public String action() { return "access.policy.acknowledged"; }
        public AuditTarget target() { return new AuditTarget("access-policy", String.valueOf(version)); }
        public Map<String, ?> details() { return Map.of("username", username); }
    }

    public record AccessRequested(String requestId, String key, String beneficiary, Set<Permission> permissions,
                                  int durationDays, String ticket) implements AuditableEvent {
        public String action() { return "access.request.submitted"; }
        public AuditTarget target() { return new AuditTarget("access-request", requestId); }
        public Map<String, ?> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("key", key);
            details.put("beneficiary", beneficiary);
            details.put("permissions", permissions.stream().sorted().toList());
            details.put("durationDays", durationDays);
            if (ticket != null) {
                details.put("ticket", ticket);
            }
            return details;
        }
    }

    public record AccessRequestClosed(String requestId, String requester, String key, AccessRequestStatus status,
                                      String result)
            implements AuditableEvent {
        public String action() { return "access.request.closed"; }
        public AuditTarget target() { return new AuditTarget("access-request", requestId); }
        public AuditOutcome outcome() {
            return status == AccessRequestStatus.REFUSED ? AuditOutcome.DENIED : AuditOutcome.SUCCESS;
        }
        public Map<String, ?> details() {
            return Map.of("requester", requester, "key", key, "status", status, "result", result);
        }
    }

    public record AccessGranted(String grantId, String requestId, String principal, String key,
                                Set<Permission> permissions, Instant validUntil) implements AuditableEvent {
        public String action() { return "access.grant.created"; }
        public AuditTarget target() { return new AuditTarget("grant", grantId); }
        public Map<String, ?> details() {
            return Map.of("request", requestId, "principal", principal, "key", key,
                    "permissions", permissions.stream().sorted().toList(), "validUntil", validUntil.toString());
        }
    }

    public record AccessRevoked(String grantId, String principal, String key, String reason) implements AuditableEvent {
        public String action() { return "access.grant.revoked"; }
        public AuditTarget target() { return new AuditTarget("grant", grantId); }
        public Map<String, ?> details() { return Map.of("principal", principal, "key", key, "reason", reason); }
    }

    public record AccessReduced(String grantId, String principal, String key, Set<Permission> removed,
                                Set<Permission> kept, String reason) implements AuditableEvent {
        public String action() { return "access.grant.reduced"; }
        public AuditTarget target() { return new AuditTarget("grant", grantId); }
        public Map<String, ?> details() {
            return Map.of("principal", principal, "key", key, "removed", removed.stream().sorted().toList(),
                    "kept", kept.stream().sorted().toList(), "reason", reason);
        }
    }

    public record AccessExpired(String grantId, String principal, String key) implements AuditableEvent {
        public String action() { return "access.grant.expired"; }
        public AuditTarget target() { return new AuditTarget("grant", grantId); }
        public Map<String, ?> details() { return Map.of("principal", principal, "key", key); }
    }
}
