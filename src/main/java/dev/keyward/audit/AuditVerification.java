package dev.keyward.audit;

/**
 * The outcome of checking the whole chain and its checkpoints.
 *
 * @param firstInvalidSequence the first entry that is missing, altered, inserted or out of order; {@code null}
 *                             when valid
 * @param problem              what is wrong there, for people
 * @param lastCheckpoint       the newest checkpoint whose signature verified, or {@code null}
 */
public record AuditVerification(boolean valid, long entries, Long firstInvalidSequence, String problem,
                                AuditCheckpoint lastCheckpoint) {
}
