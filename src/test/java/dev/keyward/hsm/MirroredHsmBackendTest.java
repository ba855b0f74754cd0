package dev.keyward.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyward.hsm.internal.MirroredHsmBackend;
import dev.keyward.hsm.internal.SoftHsmBackend;
import dev.keyward.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The contract on a mirrored pair of HSMs (here two software HSMs: two stores, two master keys, one shared transport
 * key), and failover: the primary fails mid-run, work goes on on the secondary, and returns to the primary when it is back.
 */
public class MirroredHsmBackendTest extends IntegrationTest implements HsmBackendContract {

    public static final String TRANSPORT = "mirror-transport";

    @Autowired
    JdbcTemplate jdbc;

    FailingBackend primary;
    FailingBackend secondary;
    MirroredHsmBackend mirrored;

    @BeforeEach
    void aMirroredPair() throws Exception {
        HsmBackend[] pair = pair();
        primary = new FailingBackend(pair[0]);
        secondary = new FailingBackend(pair[1]);
        mirrored = new MirroredHsmBackend(primary, secondary, transport(), clock, Duration.ofSeconds(5));
    }

    HsmBackend[] pair() throws Exception {
        return softPair(jdbc);
    }

    /** Two software HSMs given the same transport key ({@link #TRANSPORT}). */
    public static HsmBackend[] softPair(JdbcTemplate jdbc) throws Exception {
        SoftHsmBackend a = SoftHsmBackend.open("mirror-a", jdbc, Path.of("target/test-data/mirror-a.p12"), "a-pass".toCharArray());
        SoftHsmBackend b = SoftHsmBackend.open("mirror-b", jdbc, Path.of("target/test-data/mirror-b.p12"), "b-pass".toCharArray());
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        SecretKey transport = generator.generateKey();
        if (a.find(TRANSPORT).isEmpty() || b.find(TRANSPORT).isEmpty()) {
            a.destroy(TRANSPORT);
            b.destroy(TRANSPORT);
            a.importSecret(TRANSPORT, KeyAlgorithm.AES_256, transport);
            b.importSecret(TRANSPORT, KeyAlgorithm.AES_256, transport);
        }
        return new HsmBackend[] {a, b};
    }

    String transport() {
        return TRANSPORT;
    }

    @Override
    public HsmBackend backend() {
        return mirrored;
    }

    @Test
    void thePrimaryFailsMidRunAndWorkGoesOnThenFailsBack() {
        String label = "mirrored-" + UUID.randomUUID();
        KeyHandle key = mirrored.generate(label, KeyAlgorithm.AES_256);
        assertThat(secondary.find(label)).as("copied to the secondary").hasValueSatisfying(
                copy -> assertThat(copy.kcv()).isEqualTo(key.kcv()));
        byte[] context = "ctx".getBytes(StandardCharsets.UTF_8);
        byte[] before = mirrored.encrypt(label, "written before the outage".getBytes(StandardCharsets.UTF_8), context);

        primary.down.set(true);
        int servedBySecondary = secondary.served.get();
        for (int i = 0; i < 20; i++) {
            byte[] during = mirrored.encrypt(label, ("during " + i).getBytes(StandardCharsets.UTF_8), context);
            assertThat(mirrored.decrypt(label, during, context)).isEqualTo(("during " + i).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(mirrored.decrypt(label, before, context)).isEqualTo("written before the outage".getBytes(StandardCharsets.UTF_8));
        assertThat(secondary.served.get() - servedBySecondary).isGreaterThanOrEqualTo(41);
        assertThat(mirrored.health().up()).isTrue();
        assertThat(mirrored.health().detail()).contains("DOWN");

        primary.down.set(false);
        int servedByPrimary = primary.served.get();
        mirrored.encrypt(label, new byte[] {1}, null);
        assertThat(primary.served.get()).as("not retried before the retry interval").isEqualTo(servedByPrimary);
        clock.advance(Duration.ofSeconds(6));
        mirrored.encrypt(label, new byte[] {1}, null);
        assertThat(primary.served.get()).as("failed back to the primary").isEqualTo(servedByPrimary + 1);
        assertThat(mirrored.health().detail()).doesNotContain("DOWN");
    }

    @Test
    void withoutTheSameTransportKeyOnBothSidesItRefusesToStart() throws Exception {
        HsmBackend[] pair = pair();
        assertThatThrownBy(() -> new MirroredHsmBackend(pair[0], pair[1], "no-such-transport", clock, Duration.ofSeconds(5)))
                .hasMessageContaining("need the transport key 'no-such-transport' on both sides");
        String other = "other-transport-" + UUID.randomUUID();
        pair[0].generate(other, KeyAlgorithm.AES_256);
        pair[1].generate(other, KeyAlgorithm.AES_256);
        assertThatThrownBy(() -> new MirroredHsmBackend(pair[0], pair[1], other, clock, Duration.ofSeconds(5)))
                .hasMessageContaining("differs between");
    }

    @Test
    void aKeyThatCannotBeMirroredIsReportedAndARetryCompletesIt() {
        String label = "mirror-later-" + UUID.randomUUID();
        secondary.down.set(true);
        assertThatThrownBy(() -> mirrored.generate(label, KeyAlgorithm.HMAC_SHA256))
                .isInstanceOfSatisfying(HsmException.class, e -> assertThat(e.kind()).isEqualTo(HsmException.Kind.UNAVAILABLE))
                .hasMessageContaining("retry");
        secondary.down.set(false);
        KeyHandle key = mirrored.generate(label, KeyAlgorithm.HMAC_SHA256);
        assertThat(secondary.find(label).orElseThrow().kcv()).isEqualTo(key.kcv());
    }
}
