package dev.keyward.audit;

import java.time.Instant;

/** One sealed entry of the log; {@code hash} chains it to the entry before ({@code prevHash}). */
public record AuditEntry(long seq, Instant occurredAt, String actorId, String actorName, String action,
                         String targetType, String targetId, String outcome, String details, String clientAddress,
                         String userAgent, String prevHash, String hash) {
}
