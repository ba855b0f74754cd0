package dev.keyward.approvals;

import java.time.Instant;
import java.util.List;

/**
 * A decision ready to be signed: the browser asks the approver's passkey for an assertion whose challenge is
 * {@code challenge}, the SHA-256 of {@code document}, then hands it back with {@code nonce}.
 */
public record PreparedDecision(String nonce, String document, byte[] challenge, String rpId, List<byte[]> credentialIds,
                               Instant expiresAt) {
}
