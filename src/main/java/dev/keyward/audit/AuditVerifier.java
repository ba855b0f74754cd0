package dev.keyward.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.keyward.audit.internal.AuditExportWriter;
import dev.keyward.audit.internal.ChainVerifier;
import dev.keyward.audit.internal.FileWitness;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Verifies an NDJSON export without Keyward or its database:
 * {@code java -cp keyward.jar -Dloader.main=dev.keyward.audit.AuditVerifier
 * org.springframework.boot.loader.launch.PropertiesLauncher export.ndjson audit-public.pem
 * [--witness checkpoints.ndjson] [--from-checkpoint N]}.
 * With a witness file its checkpoints count too, and its entry hash prefixes name where a rewrite starts. An export
 * that does not begin with the first entry verifies only from a signed checkpoint named with
 * {@code --from-checkpoint}. Prints the result as JSON; exits 0 when valid, 1 when not, 2 on unusable input.
 */
public final class AuditVerifier {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String USAGE = "usage: AuditVerifier <export.ndjson> <audit-public.pem> "
            + "[--witness <checkpoints.ndjson>] [--from-checkpoint <sequence>]";

    private AuditVerifier() {
    }

    public static void main(String[] args) {
        try {
            if (args.length < 2 || args.length % 2 != 0) {
                throw new IllegalArgumentException(USAGE);
            }
            Path witness = null;
            Long fromCheckpoint = null;
            for (int i = 2; i < args.length; i += 2) {
                switch (args[i]) {
                    case "--witness" -> witness = Path.of(args[i + 1]);
                    case "--from-checkpoint" -> fromCheckpoint = Long.parseLong(args[i + 1]);
                    default -> throw new IllegalArgumentException(USAGE);
                }
            }
            AuditVerification result = verify(Path.of(args[0]), readPublicKey(Path.of(args[1])), witness, fromCheckpoint);
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            System.exit(result.valid() ? 0 : 1);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            System.err.println("cannot verify: " + e.getMessage());
            System.exit(2);
        }
    }

    /** A whole export, from the first entry, without a witness. */
    public static AuditVerification verify(Path export, PublicKey key) throws IOException {
        return verify(export, key, null, null);
    }

    /**
     * Checkpoints come first in an export, then entries in sequence order; the files are read twice, never held.
     *
     * @param witness        a witness file, or {@code null}
     * @param fromCheckpoint the signed checkpoint a range export starts after, or {@code null} to require entry 1
     */
    public static AuditVerification verify(Path export, PublicKey key, Path witness, Long fromCheckpoint)
            throws IOException {
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        Long toSeq = null;
        try (BufferedReader in = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode n = JSON.readTree(line);
                switch (n.path("type").asText()) {
                    case "checkpoint" -> checkpoints.add(AuditExportWriter.checkpointFrom(n));
                    case "export" -> toSeq = n.path("toSeq").isNumber() ? n.path("toSeq").asLong() : null;
                    default -> { }
                }
            }
        }
        ChainVerifier verifier = new ChainVerifier(checkpoints, key, toSeq);
        FileWitness kept = witness == null ? null : new FileWitness(witness);
        try (Stream<WitnessedCheckpoint> witnessed = kept == null ? Stream.empty() : kept.records();
             Stream<WitnessedCheckpoint> prefixes = kept == null ? Stream.empty() : kept.records()) {
            verifier.witnessedBy(witnessed.map(WitnessedCheckpoint::checkpoint).toList(), prefixes.iterator());
            if (fromCheckpoint != null) {
                verifier.startAfter(fromCheckpoint);
            }
            try (BufferedReader in = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    JsonNode n = JSON.readTree(line);
                    if ("entry".equals(n.path("type").asText()) && !verifier.accept(entry(n))) {
                        break;
                    }
                }
            }
        }
        return verifier.result();
    }

    public static PublicKey readPublicKey(Path pem) throws IOException, GeneralSecurityException {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static AuditEntry entry(JsonNode n) {
        return new AuditEntry(n.path("seq").asLong(), Instant.parse(n.path("occurredAt").asText()), text(n, "actorId"),
                text(n, "actorName"), text(n, "action"), text(n, "targetType"), text(n, "targetId"), text(n, "outcome"),
                text(n, "details"), text(n, "clientAddress"), text(n, "userAgent"), text(n, "prevHash"), text(n, "hash"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
