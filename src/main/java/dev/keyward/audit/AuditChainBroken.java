package dev.keyward.audit;

import java.util.Map;
import java.util.Optional;

/**
 * The sealer found that the chain no longer extends the last checkpoint it or a witness knows, so it stopped
 * signing checkpoints. Security officers are alerted; verification names the same sequence.
 *
 * @param fromSequence where the break starts
 */
public record AuditChainBroken(long fromSequence, String problem) implements AuditableEvent {

    @Override
    public String action() {
        return "audit.chain.broken";
    }

    @Override
    public AuditTarget target() {
        return new AuditTarget("audit-log", "main");
    }

    @Override
    public AuditOutcome outcome() {
        return AuditOutcome.FAILURE;
    }

    @Override
    public Map<String, ?> details() {
        return Map.of("fromSequence", fromSequence, "problem", problem);
    }

    @Override
    public Optional<AuditActor> actor() {
        return Optional.of(AuditActor.SYSTEM);
    }
}
