package dev.keyward.audit;

import java.time.Instant;

/** Which entries to list or export; every criterion is optional, {@code null} meaning "any". */
public record AuditFilter(String actor, String action, String targetType, String targetId, AuditOutcome outcome,
                          Instant from, Instant to, Long fromSeq, Long toSeq) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null, null, null, null);

}
