package dev.keyward.audit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyward.audit.CheckpointWitness;
import dev.keyward.audit.WitnessedCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default witness: an NDJSON file that is only ever appended to, each line forced to disk before the sealer
 * goes on. It belongs on storage the database's administrators cannot write (another volume or host, a file the
 * operating system keeps append-only with {@code chattr +a}). The offline verifier reads the same file.
 */
public final class FileWitness implements CheckpointWitness {

    private static final Logger log = LoggerFactory.getLogger(FileWitness.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public FileWitness(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    @Override
    public String describe() {
        return "file " + file;
    }

    @Override
    public synchronized void witness(WitnessedCheckpoint record) {
        try {
            Files.createDirectories(file.getParent());
            byte[] line = (JSON.writeValueAsString(AuditExportWriter.toJson(record)) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit witness " + file, e);
        }
    }

    @Override
    public boolean readable() {
        return true;
    }

    /** A line cut short by a crash while it was written is skipped (and logged), not fatal. */
    @Override
    public Stream<WitnessedCheckpoint> records() {
        if (!Files.exists(file)) {
            return Stream.empty();
        }
        try {
            return Files.lines(file, StandardCharsets.UTF_8).filter(line -> !line.isBlank()).map(this::parse)
                    .filter(Objects::nonNull);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit witness " + file, e);
        }
    }

    private WitnessedCheckpoint parse(String line) {
        try {
            return AuditExportWriter.witnessedFrom(JSON.readTree(line));
        } catch (IOException | RuntimeException e) {
            log.warn("Skipping an unreadable line of the audit witness {} ({} characters)", file, line.length());
            return null;
        }
    }
}
