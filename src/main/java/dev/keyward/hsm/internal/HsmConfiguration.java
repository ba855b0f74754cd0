package dev.keyward.hsm.internal;

import dev.keyward.audit.CheckpointSigner;
import dev.keyward.hsm.HsmBackend;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The HSM Keyward uses, chosen by {@code keyward.hsm.backend}: {@code soft} (the embedded default) or
 * {@code pkcs11} (a token through SunPKCS11); and the audit checkpoint signer on it.
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
        if (pin.isEmpty()) {
            throw new IllegalStateException("Set keyward.hsm.pkcs11.pin (environment variable KEYWARD_HSM_PIN) to log in "
                    + "to the token configured in " + config + ".");
        }
        return new Pkcs11HsmBackend("pkcs11", config, pin.toCharArray());
    }

    /** The audit module's checkpoint signer: an ES256 key in the HSM. */
    @Bean
    CheckpointSigner checkpointSigner(HsmBackend hsm) {
        return new HsmCheckpointSigner(hsm);
    }
}
