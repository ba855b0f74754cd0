package dev.keyward.audit;

import java.time.Instant;

/** A signed statement that the chain's entry {@code lastSeq} has hash {@code headHash}. */
public record AuditCheckpoint(long lastSeq, String headHash, Instant createdAt, String algorithm, String keyId,
                              String signature) {
}
