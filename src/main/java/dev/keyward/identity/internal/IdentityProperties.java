package dev.keyward.identity.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The {@code keyward.*} settings the identity module reads. */
@ConfigurationProperties("keyward")
public record IdentityProperties(@DefaultValue WebAuthn webauthn, @DefaultValue Session session,
                                 @DefaultValue SignIn signIn, @DefaultValue ApiTokens apiTokens,
                                 Demo demo) {

    public IdentityProperties {
        demo = demo == null ? new Demo(Map.of()) : demo;
    }

    /** Relying-party settings: the rp id and the exact origins (scheme, host and port) browsers use. */
    public record WebAuthn(@DefaultValue("localhost") String rpId, @DefaultValue("Keyward") String rpName,
                           List<String> origins) {
    }

    public record Session(@DefaultValue("30m") Duration idleTimeout,
                          @DefaultValue("15m") Duration privilegedIdleTimeout,
                          @DefaultValue("12h") Duration absoluteTimeout) {
    }

    /**
     * Throttling: after {@code freeFailures} consecutive failures each further attempt waits twice as long as
     * the last (1 s, 2 s, 4 s ... up to {@code maxDelay}); {@code lockAfterFailures} locks the account.
     */
    public record SignIn(@DefaultValue("4") int freeFailures, @DefaultValue("5m") Duration maxDelay,
                         @DefaultValue("100") int lockAfterFailures) {
    }

    /**
     * {@code cacheTtl}: how long a token's check may be answered from memory; a revocation, a status, role or lock
     * change on this node empties it at once, so this bounds only what other nodes may miss (at most 1 s).
     */
    public record ApiTokens(@DefaultValue("90d") Duration maxLifetime, @DefaultValue("1s") Duration cacheTtl) {

        public ApiTokens {
            if (cacheTtl.isNegative() || cacheTtl.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("keyward.api-tokens.cache-ttl must be between 0 and 1s: a revoked "
                        + "token must stop working within a second");
            }
        }
    }

    /** Demo-only settings; {@code apiTokens} maps a username to a token secret to seed. */
    public record Demo(Map<String, String> apiTokens) {

        public Demo {
            apiTokens = apiTokens == null ? Map.of() : Map.copyOf(apiTokens);
        }
    }
}
