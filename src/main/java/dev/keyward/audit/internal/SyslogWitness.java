package dev.keyward.audit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyward.audit.CheckpointWitness;
import dev.keyward.audit.WitnessedCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Sends each signed checkpoint (without the entry hash prefixes) to a syslog collector as an RFC 5424 message over
 * UDP, facility authpriv, severity notice. A write-only witness: the collector's archive is the record, and an
 * auditor compares it with the log's checkpoints.
 */
public final class SyslogWitness implements CheckpointWitness {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** authpriv (10) * 8 + notice (5). */
    private static final int PRIORITY = 85;

    private final InetSocketAddress collector;
    private final String hostname;

    /** {@code target} is {@code host:port}. */
    public SyslogWitness(String target) {
        int colon = target.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("keyward.audit.witness.syslog must be host:port, not '" + target + "'");
        }
        this.collector = new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
        this.hostname = localHostname();
    }

    @Override
    public String describe() {
        return "syslog " + collector.getHostString() + ":" + collector.getPort();
    }

    @Override
    public void witness(WitnessedCheckpoint record) {
        byte[] message = message(record).getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(message, message.length, collector));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send the checkpoint to " + describe(), e);
        }
    }

    String message(WitnessedCheckpoint record) {
        try {
            return "<" + PRIORITY + ">1 " + Instant.now() + " " + hostname + " keyward - audit-checkpoint - "
                    + JSON.writeValueAsString(AuditExportWriter.toJson(record.checkpoint()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a checkpoint cannot be written as JSON", e);
        }
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "-";
        }
    }
}
