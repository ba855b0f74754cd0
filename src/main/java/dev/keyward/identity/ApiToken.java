package dev.keyward.identity;

import java.time.Instant;

/** An API token's metadata; the secret itself is never kept, only shown once in {@link IssuedApiToken}. */
public record ApiToken(long id, String name, String prefix, Instant createdAt, Instant expiresAt,
                       Instant revokedAt, Instant lastUsedAt) {

    public boolean isActiveAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
