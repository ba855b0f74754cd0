package dev.keyward.crypto.internal;

import dev.keyward.keys.Sensitivity;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyward.crypto.*}: the largest payload a call may carry (decoded), how long keys and grants are cached
 * on the hot path (at most a second: revocation must bite on the next call), how often usage is flushed to the
 * database, from which sensitivity on every use is audited on its own rather than as a per-minute total, and
 * when callers should retry while the HSM is unreachable.
 */
@Validated
@ConfigurationProperties("keyward.crypto")
public record CryptoProperties(@DefaultValue("65536") int maxPayloadBytes,
                               @DefaultValue("1s") Duration cacheTtl,
                               @DefaultValue("1s") Duration usageFlushInterval,
                               @DefaultValue("HIGH") Sensitivity auditEachUseFrom,
                               @DefaultValue("30s") Duration retryAfter) {

    public CryptoProperties {
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("keyward.crypto.max-payload-bytes must be positive");
        }
        if (cacheTtl.isNegative() || cacheTtl.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("keyward.crypto.cache-ttl must be between 0 and 1s: a revoked grant "
                    + "must stop working within a second");
        }
    }
}
