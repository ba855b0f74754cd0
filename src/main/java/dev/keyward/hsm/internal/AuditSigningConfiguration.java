package dev.keyward.hsm.internal;

import dev.keyward.audit.CheckpointSigner;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Provides the audit module's {@link CheckpointSigner}: a PKCS#12 key until the HSM adapter takes it over. */
@Configuration
class AuditSigningConfiguration {

    @Bean
    CheckpointSigner checkpointSigner(@Value("${keyward.audit.signing-key.path:./data/audit-signing.p12}") Path path,
                                      @Value("${keyward.audit.signing-key.password:}") String password) {
        return new Pkcs12CheckpointSigner(path, password.toCharArray());
    }
}
