package dev.keyward.audit;

import java.time.Instant;

/** Which entries to list or export; every criterion is optional, {@code null} meaning "any". */
public record AuditFilter(String actor, String action, String targetType, String targetId, AuditOutcome outcome,
                          Instant from, Instant to, Long fromSeq, Long toSeq) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null, null, null, null);

    /** Only a range of sequence numbers ({@code null}: open on that side). */
    public static AuditFilter sequences(Long fromSeq, Long toSeq) {
        return new AuditFilter(null, null, null, null, null, null, null, fromSeq, toSeq);
    }

    /** The same criteria from another first sequence number. */
    public AuditFilter startingAt(long seq) {
        return new AuditFilter(actor, action, targetType, targetId, outcome, from, to, seq, toSeq);
    }

}
