package dev.keyward.audit.internal;

import dev.keyward.audit.AuditEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of an entry: SHA-256 over an unambiguous encoding (each field as {@code <length>:<value>;}, absent
 * fields as {@code -;}) of the entry's fields and the previous entry's hash. The offline verifier uses the same
 * code, so the format is versioned ({@code v1}).
 */
public final class AuditHashing {

    public static final String GENESIS = "0".repeat(64);

    private AuditHashing() {
    }

    public static String hash(AuditEntry e, String prevHash) {
        StringBuilder b = new StringBuilder(256).append("keyward-audit-v1;");
        field(b, Long.toString(e.seq()));
        field(b, Long.toString(e.occurredAt().toEpochMilli()));
        field(b, e.actorId());
        field(b, e.actorName());
        field(b, e.action());
        field(b, e.targetType());
        field(b, e.targetId());
        field(b, e.outcome());
        field(b, e.details());
        field(b, e.clientAddress());
        field(b, e.userAgent());
        field(b, prevHash);
        return sha256(b.toString());
    }

    /** What a checkpoint signs. */
    public static byte[] checkpointPayload(long lastSeq, String headHash, long createdAtMillis) {
        return ("keyward-audit-checkpoint-v1;" + lastSeq + ";" + headHash + ";" + createdAtMillis)
                .getBytes(StandardCharsets.UTF_8);
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void field(StringBuilder b, String value) {
        if (value == null) {
            b.append("-;");
        } else {
            b.append(value.length()).append(':').append(value).append(';');
        }
    }
}
