package dev.keyward.hsm.internal;

import dev.keyward.audit.CheckpointSigner;
import dev.keyward.hsm.HsmBackend;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The HSM Keyward uses, chosen by {@code keyward.hsm.backend}: {@code soft} (the embedded default),
 * {@code pkcs11} (a token through SunPKCS11) or {@code mirrored} (two tokens); and the audit checkpoint signer on it.
 */
@Configuration
class HsmConfiguration {

    @Bean
    @ConditionalOnProperty(name = "keyward.hsm.backend", havingValue = "soft", matchIfMissing = true)
    HsmBackend softHsm(JdbcTemplate jdbc,
                       @Value("${keyward.hsm.soft.kek-path:./data/hsm-kek.p12}") Path kekPath,
                       @Value("${keyward.hsm.soft.kek-password:}") String kekPassword) {
        return SoftHsmBackend.open("soft", jdbc, kekPath, kekPassword.toCharArray());
    }

    @Bean
    @ConditionalOnProperty(name = "keyward.hsm.backend", havingValue = "pkcs11")
    HsmBackend pkcs11Hsm(@Value("${keyward.hsm.pkcs11.config}") Path config,
                         @Value("${keyward.hsm.pkcs11.pin:}") String pin) {
        return token("pkcs11", "keyward.hsm.pkcs11", config, pin);
    }

    /** Two tokens as one: keys created on the primary are copied to the secondary under a shared transport key. */
    @Bean
    @ConditionalOnProperty(name = "keyward.hsm.backend", havingValue = "mirrored")
    HsmBackend mirroredHsm(@Value("${keyward.hsm.mirrored.primary.config}") Path primaryConfig,
                           @Value("${keyward.hsm.mirrored.primary.pin:}") String primaryPin,
                           @Value("${keyward.hsm.mirrored.secondary.config}") Path secondaryConfig,
                           @Value("${keyward.hsm.mirrored.secondary.pin:}") String secondaryPin,
                           @Value("${keyward.hsm.mirrored.transport-label}") String transportLabel,
                           @Value("${keyward.hsm.mirrored.retry-after}") Duration retryAfter,
                           Clock clock) {
        return new MirroredHsmBackend(token("primary", "keyward.hsm.mirrored.primary", primaryConfig, primaryPin),
                token("secondary", "keyward.hsm.mirrored.secondary", secondaryConfig, secondaryPin),
                transportLabel, clock, retryAfter);
    }

    private static Pkcs11HsmBackend token(String name, String property, Path config, String pin) {
        if (pin.isEmpty()) {
            throw new HsmSetupException("No PIN for the token configured in " + config + ".", "Set " + property
                    + ".pin (see docs/operations.md for the environment variables).");
        }
        return new Pkcs11HsmBackend(name, config, pin.toCharArray());
    }

    /** The audit module's checkpoint signer: an ES256 key in the HSM. */
    @Bean
    CheckpointSigner checkpointSigner(HsmBackend hsm) {
        return new HsmCheckpointSigner(hsm);
    }
}
