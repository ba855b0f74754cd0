package dev.keyward.identity.internal;

import dev.keyward.identity.ApiToken;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

@Entity
@Table(name = "identity_api_token")
public class ApiTokenEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "owner_id")
    private PersonEntity owner;

    /** Set for a service account's token, which acts as the account ({@link #owner} then issued it). */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "service_account_id")
    private ServiceAccountEntity serviceAccount;

    private String name;
    private String prefix;
    private String tokenHash;
    private Instant createdAt;
    private Instant expiresAt;
    private Instant revokedAt;
    private Instant lastUsedAt;

    protected ApiTokenEntity() {
    }

    /** A token for {@code secret}; only its hash and visible prefix are kept. */
    public static ApiTokenEntity issue(PersonEntity owner, String name, String secret, Instant now, Duration lifetime) {
        return new ApiTokenEntity(owner, name, TokenSecrets.visiblePrefix(secret), TokenSecrets.hash(secret), now,
                now.plus(lifetime));
    }

    /** A token that acts as {@code account}, issued by {@code issuer}. */
    public static ApiTokenEntity issueFor(ServiceAccountEntity account, PersonEntity issuer, String name, String secret,
                                          Instant now, Duration lifetime) {
        ApiTokenEntity token = issue(issuer, name, secret, now, lifetime);
        token.serviceAccount = account;
        return token;
    }

    private ApiTokenEntity(PersonEntity owner, String name, String prefix, String tokenHash, Instant createdAt,
                           Instant expiresAt) {
        this.owner = owner;
        this.name = name;
        this.prefix = prefix;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public ApiToken toApiToken() {
        return new ApiToken(id, name, prefix, createdAt, expiresAt, revokedAt, lastUsedAt);
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }
}
