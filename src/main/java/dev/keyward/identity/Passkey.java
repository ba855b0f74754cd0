package dev.keyward.identity;

import java.time.Instant;

/** One of the signed-in person's passkeys; {@code id} is the base64url credential id. */
public record Passkey(String id, String label, Instant created, Instant lastUsed) {
}
