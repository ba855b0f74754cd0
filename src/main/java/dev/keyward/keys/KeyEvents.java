package dev.keyward.keys;

import dev.keyward.audit.AuditOutcome;
import dev.keyward.audit.AuditTarget;
import dev.keyward.audit.AuditableEvent;
import java.time.Instant;
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

    /** A rotation was asked for; it waits for its approval. */
    public record RotationRequested(String rotationId, String alias, Rotation.Trigger trigger, int currentVersion,
                                    String reason) implements AuditableEvent {
        public String action() { return "keys.rotation.requested"; }
        public AuditTarget target() { return new AuditTarget("key", alias); }
        public Map<String, ?> details() {
            return Map.of("rotation", rotationId, "trigger", trigger, "currentVersion", currentVersion, "reason", reason);
        }
    }

    /** A rotation ended without a new version: rejected, expired, or failed (the old version stays current). */
    public record RotationEnded(String rotationId, String alias, Rotation.Status status, String result)
            implements AuditableEvent {
        public String action() { return "keys.rotation.ended"; }
        public AuditTarget target() { return new AuditTarget("key", alias); }
        public AuditOutcome outcome() { return status == Rotation.Status.REJECTED ? AuditOutcome.DENIED : AuditOutcome.FAILURE; }
        public Map<String, ?> details() { return Map.of("rotation", rotationId, "status", status, "result", result); }
    }

    /** The schedule told a key's owner that its current version is due for rotation soon. */
    public record RotationDueSoon(String alias, String owner, int version, Instant dueAt, int daysBefore)
            implements AuditableEvent {
        public String action() { return "keys.rotation.due-soon"; }
        public AuditTarget target() { return new AuditTarget("key", alias); }
        public Map<String, ?> details() {
            return Map.of("owner", owner, "version", version, "dueAt", dueAt.toString(), "daysBefore", daysBefore);
        }
    }

    /** A security officer gave a key its own rotation period (null: back to its sensitivity's default). */
    public record RotationPeriodChanged(String alias, Integer days) implements AuditableEvent {
        public String action() { return "keys.rotation.period-changed"; }
        public AuditTarget target() { return new AuditTarget("key", alias); }
        public Map<String, ?> details() { return Map.of("days", days == null ? "default" : days); }
    }

    /** A new version became current, after its approval and a self-test in the HSM. */
    public record KeyRotated(String alias, int version, String kcv, String reason) implements AuditableEvent {
        public String action() { return "keys.key.rotated"; }
        public AuditTarget target() { return new AuditTarget("key", alias); }
        public Map<String, ?> details() { return Map.of("version", version, "kcv", kcv, "reason", reason); }
    }

    /** The owner or a security officer asked to destroy a key; it waits for two security officers. */
    public record DestructionRequested(String destructionId, String alias, int waitingDays, String reason, String override)
            implements AuditableEvent {
        public String action() { return "keys.destruction.requested"; }
        public AuditTarget target() { return new AuditTarget("key", alias); }
        public Map<String, ?> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("destruction", destructionId);
            details.put("waitingDays", waitingDays);
            details.put("reason", reason);
            details.put("override", override);
            return details;
        }
    }

    /** Approved: the key is DESTROY_SCHEDULED and its HSM objects go at {@code destroyAt} unless cancelled. */
    public record DestructionScheduled(String destructionId, String alias, String owner, Instant destroyAt)
            implements AuditableEvent {
        public String action() { return "keys.destruction.scheduled"; }
        public AuditTarget target() { return new AuditTarget("key", alias); }
        public Map<String, ?> details() { return Map.of("destruction", destructionId, "destroyAt", destroyAt.toString()); }
    }

    /** The waiting period ends soon: the owner and the grant holders are told once more. */
    public record DestructionDueSoon(String destructionId, String alias, String owner, Instant destroyAt)
            implements AuditableEvent {
        public String action() { return "keys.destruction.due-soon"; }
        public AuditTarget target() { return new AuditTarget("key", alias); }
        public Map<String, ?> details() { return Map.of("destruction", destructionId, "destroyAt", destroyAt.toString()); }
    }

    /** A destruction ended without destroying: rejected, expired, cancelled during the wait, or refused at its end. */
    public record DestructionEnded(String destructionId, String alias, Destruction.Status status, String result)
            implements AuditableEvent {
        public String action() { return "keys.destruction.ended"; }
        public AuditTarget target() { return new AuditTarget("key", alias); }
        public AuditOutcome outcome() {
            return switch (status) {
                case REJECTED, REFUSED -> AuditOutcome.DENIED;
                case EXPIRED -> AuditOutcome.FAILURE;
                default -> AuditOutcome.SUCCESS;
            };
        }
        public Map<String, ?> details() { return Map.of("destruction", destructionId, "status", status, "result", result); }
    }

    /** Every version's HSM objects were destroyed on every token; the key's metadata and history stay. */
    public record KeyDestroyed(String alias, String destructionId, Map<String, String> kcvByVersion) implements AuditableEvent {
        public String action() { return "keys.key.destroyed"; }
        public AuditTarget target() { return new AuditTarget("key", alias); }
        public Map<String, ?> details() { return Map.of("destruction", destructionId, "versions", kcvByVersion); }
    }

    /** Somebody asked to retire an old version; it waits for its approvers. */
    public record RetirementRequested(String retirementId, String alias, int version, String reason, String override)
            implements AuditableEvent {
        public String action() { return "keys.retirement.requested"; }
        public AuditTarget target() { return new AuditTarget("key", alias); }
        public Map<String, ?> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("retirement", retirementId);
            details.put("version", version);
            details.put("reason", reason);
            details.put("override", override);
            return details;
        }
    }

    /** An old version no longer decrypts or verifies anything, after its approval. */
    public record VersionRetired(String alias, int version, String kcv, String reason, String override)
            implements AuditableEvent {
        public String action() { return "keys.version.retired"; }
        public AuditTarget target() { return new AuditTarget("key", alias); }
        public Map<String, ?> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("version", version);
            details.put("kcv", kcv);
            details.put("reason", reason);
            details.put("override", override);
            return details;
        }
    }

    /** A retirement ended without retiring: rejected, expired, or refused when approved. */
    public record RetirementEnded(String retirementId, String alias, int version, Retirement.Status status, String result)
            implements AuditableEvent {
        public String action() { return "keys.retirement.ended"; }
        public AuditTarget target() { return new AuditTarget("key", alias); }
        public AuditOutcome outcome() { return status == Retirement.Status.EXPIRED ? AuditOutcome.FAILURE : AuditOutcome.DENIED; }
        public Map<String, ?> details() {
            return Map.of("retirement", retirementId, "version", version, "status", status, "result", result);
        }
    }

    /**
     * A key's current version stops protecting new data at {@code endsAt} (the end of its cryptoperiod): its owner and
     * grant holders are told {@code daysBefore} days ahead, or on the day (0).
     */
    public record CryptoperiodEnding(String alias, String owner, int version, Instant endsAt, int daysBefore)
            implements AuditableEvent {
        public String action() { return "keys.cryptoperiod.ending"; }
        public AuditTarget target() { return new AuditTarget("key", alias); }
        public Map<String, ?> details() {
            return Map.of("owner", owner, "version", version, "endsAt", endsAt.toString(), "daysBefore", daysBefore);
        }
    }

    /** Somebody asked to re-activate or deactivate a key; it waits for the key owner and a security officer. */
    public record StateRequested(String requestId, String alias, KeyState from, KeyState to, String reason)
            implements AuditableEvent {
        public String action() { return "keys.state.requested"; }
        public AuditTarget target() { return new AuditTarget("key", alias); }
        public Map<String, ?> details() {
            return Map.of("request", requestId, "from", from, "to", to, "reason", reason);
        }
    }

    /** A state change request ended without the move: rejected, expired, or refused because the key had moved. */
    public record StateRequestEnded(String requestId, String alias, KeyState to, StateRequest.Status status, String result)
            implements AuditableEvent {
        public String action() { return "keys.state.request-ended"; }
        public AuditTarget target() { return new AuditTarget("key", alias); }
        public AuditOutcome outcome() { return status == StateRequest.Status.EXPIRED ? AuditOutcome.FAILURE : AuditOutcome.DENIED; }
        public Map<String, ?> details() { return Map.of("request", requestId, "to", to, "status", status, "result", result); }
    }
}
