package dev.keyward.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.keyward.audit.internal.ChainVerifier;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Verifies an NDJSON export without Keyward or its database:
 * {@code java -cp keyward.jar -Dloader.main=dev.keyward.audit.AuditVerifier
 * org.springframework.boot.loader.launch.PropertiesLauncher export.ndjson audit-public.pem}.
 * Prints the result as JSON; exits 0 when valid, 1 when not, 2 on unusable input.
 */
public final class AuditVerifier {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private AuditVerifier() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: AuditVerifier <export.ndjson> <audit-public.pem>");
            System.exit(2);
        }
        try {
            AuditVerification result = verify(Path.of(args[0]), readPublicKey(Path.of(args[1])));
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            System.exit(result.valid() ? 0 : 1);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            System.err.println("cannot verify: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Checkpoints come first in an export, then entries in sequence order; the file is read twice, never held. */
    public static AuditVerification verify(Path export, PublicKey key) throws IOException {
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode n = JSON.readTree(line);
                if ("checkpoint".equals(n.path("type").asText())) {
                    checkpoints.add(new AuditCheckpoint(n.path("lastSeq").asLong(), n.path("headHash").asText(),
                            Instant.parse(n.path("createdAt").asText()), n.path("algorithm").asText(),
                            n.path("keyId").asText(), n.path("signature").asText()));
                }
            }
        }
        ChainVerifier verifier = new ChainVerifier(checkpoints, key);
        boolean first = true;
        try (BufferedReader in = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode n = JSON.readTree(line);
                if (!"entry".equals(n.path("type").asText())) {
                    continue;
                }
                AuditEntry e = entry(n);
                if (first && e.seq() > 1) {
                    verifier.startAt(e.seq(), e.prevHash());
                }
                first = false;
                if (!verifier.accept(e)) {
                    break;
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
