package dev.keyward.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyward.audit.internal.SyslogWitness;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The syslog witness sends each checkpoint as one RFC 5424 datagram a collector can archive. */
class SyslogWitnessTest {

    @Test
    void aCheckpointArrivesAsOneSyslogMessage() throws Exception {
        try (DatagramSocket collector = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            collector.setSoTimeout(5000);
            var witness = new SyslogWitness("127.0.0.1:" + collector.getLocalPort());
            var checkpoint = new AuditCheckpoint(42, "ab".repeat(32), Instant.parse("2026-11-30T12:00:00Z"), "ES256",
                    "0123456789abcdef", "c2lnbmF0dXJl");
            witness.witness(new WitnessedCheckpoint(checkpoint, 41, "0".repeat(32)));

            var packet = new DatagramPacket(new byte[4096], 4096);
            collector.receive(packet);
            String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            assertThat(message).startsWith("<85>1 ").contains(" keyward - audit-checkpoint - {")
                    .contains("\"lastSeq\":42", "\"headHash\":\"" + "ab".repeat(32) + "\"", "\"signature\":\"c2lnbmF0dXJl\"")
                    .doesNotContain("entryHashPrefixes");
        }
    }

    @Test
    void aTargetWithoutPortIsRefusedAtStart() {
        assertThatThrownBy(() -> new SyslogWitness("collector.example.org")).hasMessageContaining("host:port");
    }
}
