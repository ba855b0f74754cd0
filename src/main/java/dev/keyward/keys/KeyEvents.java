package dev.keyward.keys;

import dev.keyward.audit.AuditTarget;
import dev.keyward.audit.AuditableEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** The keys module's past-tense events, audited in the transaction that caused them. */
public final class KeyEvents {

    private KeyEvents() {
    }

    public record KeyCreated(String alias, String algorithm, KeyPurpose purpose, Sensitivity sensitivity, String owner,
                             String kcv) implements AuditableEvent {
        public String action() { return "keys.key.created"; }
        public AuditTarget target() { return new AuditTarget("key", alias); }
        public Map<String, ?> details() {
            return Map.of("algorithm", algorithm, "purpose", purpose, "sensitivity", sensitivity, "owner", owner, "kcv", kcv);
        }
    }

    public record KeyStateChanged(String alias, KeyState from, KeyState to, String reason) implements AuditableEvent {
        public String action() { return "keys.key.state-changed"; }
        public AuditTarget target() { return new AuditTarget("key", alias); }
        public Map<String, ?> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("from", from);
            details.put("to", to);
            details.put("reason", reason);
            return details;
        }
    }

    public record KeyRotated(String alias, int version, String kcv, String reason) implements AuditableEvent {
        public String action() { return "keys.key.rotated"; }
        public AuditTarget target() { return new AuditTarget("key", alias); }
        public Map<String, ?> details() { return Map.of("version", version, "kcv", kcv, "reason", reason); }
    }
}
