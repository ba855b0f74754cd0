package dev.keyward.hsm.internal;

import dev.keyward.audit.CheckpointSigner;
import dev.keyward.hsm.HsmBackend;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The HSM backend Keyward uses (the software backend is the embedded default) and the audit signer on it. */
@Configuration
class HsmConfiguration {

    @Bean
    HsmBackend softHsm(JdbcTemplate jdbc,
                       @Value("${keyward.hsm.soft.kek-path:./data/hsm-kek.p12}") Path kekPath,
                       @Value("${keyward.hsm.soft.kek-password:}") String kekPassword) {
        return SoftHsmBackend.open("soft", jdbc, kekPath, kekPassword.toCharArray());
    }

    /** The audit module's checkpoint signer: an ES256 key in the HSM. */
    @Bean
    CheckpointSigner checkpointSigner(HsmBackend hsm) {
        return new HsmCheckpointSigner(hsm);
    }
}
