package dev.keyward.audit.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyward.audit.AuditCheckpoint;
import dev.keyward.audit.AuditEntry;
import dev.keyward.audit.WitnessedCheckpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Export formats. NDJSON: one JSON object a line, {@code "type":"entry"} or {@code "type":"checkpoint"}, exactly
 * the fields the offline verifier needs. CSV: one entry a row, for spreadsheets (not verifiable offline).
 */
public final class AuditExportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    static final String[] CSV_HEADER = {"seq", "occurredAt", "actorId", "actorName", "action", "targetType", "targetId",
            "outcome", "details", "clientAddress", "userAgent", "prevHash", "hash"};

    private AuditExportWriter() {
    }

    public static Map<String, Object> toJson(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "entry");
        m.put("seq", e.seq());
        m.put("occurredAt", e.occurredAt().toString());
        m.put("actorId", e.actorId());
        m.put("actorName", e.actorName());
        m.put("action", e.action());
        m.put("targetType", e.targetType());
        m.put("targetId", e.targetId());
        m.put("outcome", e.outcome());
        m.put("details", e.details());
        m.put("clientAddress", e.clientAddress());
        m.put("userAgent", e.userAgent());
        m.put("prevHash", e.prevHash());
        m.put("hash", e.hash());
        return m;
    }

    public static Map<String, Object> toJson(AuditCheckpoint c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "checkpoint");
        m.put("lastSeq", c.lastSeq());
        m.put("headHash", c.headHash());
        m.put("createdAt", c.createdAt().toString());
        m.put("algorithm", c.algorithm());
        m.put("keyId", c.keyId());
        m.put("signature", c.signature());
        return m;
    }

    /** A witness line: the checkpoint's fields, then the entries it covers and their hash prefixes. */
    public static Map<String, Object> toJson(WitnessedCheckpoint w) {
        Map<String, Object> m = toJson(w.checkpoint());
        m.put("fromSeq", w.fromSeq());
        m.put("entryHashPrefixes", w.entryHashPrefixes());
        return m;
    }

    /** The first line of an NDJSON export: which range it holds ({@code toSeq} null: up to the head). */
    public static Map<String, Object> exportHeader(long fromSeq, Long toSeq) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "export");
        m.put("format", "keyward-audit-v1");
        m.put("fromSeq", fromSeq);
        m.put("toSeq", toSeq);
        return m;
    }

    public static AuditCheckpoint checkpointFrom(JsonNode n) {
        return new AuditCheckpoint(n.path("lastSeq").asLong(), n.path("headHash").asText(),
                Instant.parse(n.path("createdAt").asText()), n.path("algorithm").asText(), n.path("keyId").asText(),
                n.path("signature").asText());
    }

    public static WitnessedCheckpoint witnessedFrom(JsonNode n) {
        return new WitnessedCheckpoint(checkpointFrom(n), n.path("fromSeq").asLong(), n.path("entryHashPrefixes").asText());
    }

    /** Writes NDJSON lines; the caller feeds entries and checkpoints. */
    public static final class Ndjson {
        private final OutputStream out;

        public Ndjson(OutputStream out) {
            this.out = out;
        }

        public void write(Map<String, Object> line) {
            try {
                JSON.writeValue(out, line);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Writes CSV rows with a header. */
    public static final class Csv implements AutoCloseable {
        private final CSVPrinter printer;

        public Csv(OutputStream out) {
            try {
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                this.printer = CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER).get().print(writer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public void write(AuditEntry e) {
            try {
                printer.printRecord(e.seq(), e.occurredAt(), e.actorId(), e.actorName(), e.action(), e.targetType(),
                        e.targetId(), e.outcome(), e.details(), e.clientAddress(), e.userAgent(), e.prevHash(), e.hash());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void close() {
            try {
                printer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
