package dev.keyward.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyward.identity.internal.IdentityProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A token check may be answered from memory for at most a second: a revoked token must stop within it. */
class ApiTokenSettingsTest {

    @Test
    void aTokenCacheLongerThanASecondIsRefusedAtStart() {
        assertThatThrownBy(() -> new IdentityProperties.ApiTokens(Duration.ofDays(90), Duration.ofMillis(1001)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keyward.api-tokens.cache-ttl must be between 0 and 1s: a revoked token must stop working "
                        + "within a second");
        assertThatThrownBy(() -> new IdentityProperties.ApiTokens(Duration.ofDays(90), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new IdentityProperties.ApiTokens(Duration.ofDays(90), Duration.ofSeconds(1)).cacheTtl())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(new IdentityProperties.ApiTokens(Duration.ofDays(90), Duration.ZERO).cacheTtl()).isZero();
    }
}
