package dev.keyward.hsm;

import dev.keyward.support.TestWitness;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyward.KeywardApplication;
import dev.keyward.audit.CheckpointSigner;
import dev.keyward.hsm.internal.Pkcs11HsmBackend;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Keyward runs on a PKCS#11 token, or a mirrored pair, when told to: keys and the audit signing key live on SoftHSM2. */
class Pkcs11StartupTest {

    @Test
    void keywardStartsOnTheTokenAndKeepsItsKeysThere() {
        try (var app = new SpringApplicationBuilder(KeywardApplication.class).run("--spring.profiles.active=demo",
                "--spring.datasource.url=jdbc:h2:mem:pkcs11-startup;DB_CLOSE_DELAY=-1", "--server.port=0", TestWitness.ownWitness(),
                "--keyward.hsm.backend=pkcs11", "--keyward.hsm.pkcs11.config=target/softhsm/keyward-test.cfg",
                "--keyward.hsm.pkcs11.pin=1234")) {
            HsmBackend hsm = app.getBean(HsmBackend.class);
            assertThat(hsm.name()).isEqualTo("pkcs11");
            assertThat(hsm.find("kw-payments-dek-v1")).as("demo keys generated on the token").isPresent();
            assertThat(hsm.find("keyward-audit-checkpoints")).hasValueSatisfying(k ->
                    assertThat(k.publicKey()).isEqualTo(app.getBean(CheckpointSigner.class).publicKey().getEncoded()));
        }
    }

    @Test
    void keywardStartsOnAMirroredPairAndEveryKeyIsOnBothTokens() {
        try (var app = new SpringApplicationBuilder(KeywardApplication.class).run("--spring.profiles.active=demo",
                "--spring.datasource.url=jdbc:h2:mem:mirrored-startup;DB_CLOSE_DELAY=-1", "--server.port=0", TestWitness.ownWitness(),
                "--keyward.hsm.backend=mirrored",
                "--keyward.hsm.mirrored.primary.config=target/softhsm/keyward-test.cfg", "--keyward.hsm.mirrored.primary.pin=1234",
                "--keyward.hsm.mirrored.secondary.config=target/softhsm/keyward-mirror.cfg",
                "--keyward.hsm.mirrored.secondary.pin=1234")) {
            HsmBackend hsm = app.getBean(HsmBackend.class);
            assertThat(hsm.name()).isEqualTo("mirrored(primary,secondary)");
            assertThat(hsm.health().detail()).contains("primary primary up", "secondary secondary up");
            HsmBackend secondary = new Pkcs11HsmBackend("check", Path.of("target/softhsm/keyward-mirror.cfg"), "1234".toCharArray());
            for (String label : List.of("kw-payments-dek-v1", "keyward-audit-checkpoints")) {
                assertThat(secondary.find(label)).as(label + " on the secondary").hasValueSatisfying(copy ->
                        assertThat(copy.kcv()).isEqualTo(hsm.find(label).orElseThrow().kcv()));
            }
        }
    }

    @Test
    void aMirroredPairWithoutItsTransportKeyDoesNotStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(KeywardApplication.class).run("--spring.profiles.active=demo",
                "--spring.datasource.url=jdbc:h2:mem:mirrored-refused;DB_CLOSE_DELAY=-1", "--server.port=0", TestWitness.ownWitness(),
                "--keyward.hsm.backend=mirrored", "--keyward.hsm.mirrored.transport-label=not-imported",
                "--keyward.hsm.mirrored.primary.config=target/softhsm/keyward-test.cfg", "--keyward.hsm.mirrored.primary.pin=1234",
                "--keyward.hsm.mirrored.secondary.config=target/softhsm/keyward-mirror.cfg",
                "--keyward.hsm.mirrored.secondary.pin=1234").close())
                .rootCause().hasMessageContaining("need the transport key 'not-imported' on both sides");
    }
}
