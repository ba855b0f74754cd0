package dev.keyward.crypto;

import dev.keyward.audit.AuditActor;
import dev.keyward.audit.AuditOutcome;
import dev.keyward.audit.AuditTarget;
import dev.keyward.audit.AuditableEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The crypto module's audit events: refusals at once, uses of HIGH and CRITICAL keys one by one. */
public final class CryptoEvents {

    private CryptoEvents() {
    }

    /** A call refused for want of a grant or because of the key's state. */
    public record KeyUseDenied(String key, CryptoOperation operation, int version, String reason) implements AuditableEvent {
        public String action() { return "crypto.key.use-denied"; }
        public AuditTarget target() { return new AuditTarget("key", key); }
        public AuditOutcome outcome() { return AuditOutcome.DENIED; }
        public Map<String, ?> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("operation", operation.label());
            if (version > 0) {
                details.put("version", version);
            }
            details.put("reason", reason);
            return details;
        }
    }

    /** One allowed use of a key whose sensitivity asks for every use to be audited. */
    public record KeyUsed(String key, CryptoOperation operation, int version, String grant) implements AuditableEvent {
        public String action() { return "crypto.key.used"; }
        public AuditTarget target() { return new AuditTarget("key", key); }
        public Map<String, ?> details() {
            return Map.of("operation", operation.label(), "version", version, "grant", grant);
        }
    }

    /** The uses of a key in one minute by one caller and operation, for keys not audited use by use. */
    public record KeyUseSummary(String key, String principal, CryptoOperation operation, Instant minute, long uses)
            implements AuditableEvent {
        public String action() { return "crypto.key.used-per-minute"; }
        public AuditTarget target() { return new AuditTarget("key", key); }
        public Map<String, ?> details() {
            return Map.of("operation", operation.label(), "minute", minute.toString(), "uses", uses);
        }
        public Optional<AuditActor> actor() { return Optional.of(new AuditActor(principal, principal)); }
    }
}
