package dev.keyward.hsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.KeywardApplication;
import dev.keyward.audit.CheckpointSigner;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Keyward runs on a PKCS#11 token when told to: keys and the audit signing key live on SoftHSM2. */
class Pkcs11StartupTest {

    @Test
    void keywardStartsOnTheTokenAndKeepsItsKeysThere() {
        try (var app = new SpringApplicationBuilder(KeywardApplication.class).run("--spring.profiles.active=demo",
                "--spring.datasource.url=jdbc:h2:mem:pkcs11-startup;DB_CLOSE_DELAY=-1", "--server.port=0",
                "--keyward.hsm.backend=pkcs11", "--keyward.hsm.pkcs11.config=target/softhsm/keyward-test.cfg",
                "--keyward.hsm.pkcs11.pin=1234")) {
            HsmBackend hsm = app.getBean(HsmBackend.class);
            assertThat(hsm.name()).isEqualTo("pkcs11");
            assertThat(hsm.find("kw-payments-dek-v1")).as("demo keys generated on the token").isPresent();
            assertThat(hsm.find("keyward-audit-checkpoints")).hasValueSatisfying(k ->
                    assertThat(k.publicKey()).isEqualTo(app.getBean(CheckpointSigner.class).publicKey().getEncoded()));
        }
    }
}
