package dev.keyward.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Verifies sealed evidence ({@link EvidenceSeals}) without Keyward or its database:
 * {@code java -cp keyward.jar -Dloader.main=dev.keyward.audit.EvidenceVerifier
 * org.springframework.boot.loader.launch.PropertiesLauncher evidence.zip audit-public.pem}.
 * Valid when the manifest's signature verifies with the audit key and every file is listed with its hash, and
 * nothing else is in the zip. Prints the result as JSON; exits 0 when valid, 1 when not, 2 on unusable input.
 */
public final class EvidenceVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The verdict, the files it covers, the signing key's id and, when not valid, why. */
    public record Result(boolean valid, List<String> files, String keyId, String sealedAt, String problem) {
    }

    private EvidenceVerifier() {
    }

    public static void main(String[] args) {
        try {
            if (args.length != 2) {
                throw new IllegalArgumentException("usage: EvidenceVerifier <evidence.zip> <audit-public.pem>");
            }
            Result result = verify(Path.of(args[0]), AuditVerifier.readPublicKey(Path.of(args[1])));
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            System.exit(result.valid() ? 0 : 1);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            System.err.println("cannot verify: " + e.getMessage());
            System.exit(2);
        }
    }

    public static Result verify(Path zip, PublicKey key) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entries.put(entry.getName(), in.readAllBytes()) != null) {
                    return invalid(List.of(), null, null, "the zip holds " + entry.getName() + " twice");
                }
            }
        }
        byte[] manifest = entries.remove(EvidenceSeals.MANIFEST);
        byte[] sealBytes = entries.remove(EvidenceSeals.SIGNATURE);
        if (manifest == null || sealBytes == null) {
            return invalid(List.copyOf(entries.keySet()), null, null, "no signed manifest: this is not sealed evidence");
        }
        JsonNode seal = JSON.readTree(sealBytes);
        String keyId = seal.path("keyId").asText(null);
        String sealedAt = seal.path("sealedAt").asText(null);
        List<String> listed = new ArrayList<>();
        for (String line : new String(manifest, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(" {2}", 2);
            if (parts.length != 2) {
                return invalid(listed, keyId, sealedAt, "the manifest has a malformed line: " + line);
            }
            listed.add(parts[1]);
            byte[] content = entries.get(parts[1]);
            if (content == null) {
                return invalid(listed, keyId, sealedAt, parts[1] + " is listed but missing");
            }
            if (!EvidenceSeals.sha256(content).equals(parts[0])) {
                return invalid(listed, keyId, sealedAt, parts[1] + " was changed after it was sealed");
            }
        }
        List<String> unlisted = entries.keySet().stream().filter(name -> !listed.contains(name)).toList();
        if (!unlisted.isEmpty()) {
            return invalid(listed, keyId, sealedAt, "not covered by the seal: " + unlisted);
        }
        if (!"ES256".equals(seal.path("algorithm").asText()) || !signatureValid(manifest, seal.path("signature").asText(), key)) {
            return invalid(listed, keyId, sealedAt, "the manifest's signature does not verify with this key");
        }
        return new Result(true, listed, keyId, sealedAt, null);
    }

    private static boolean signatureValid(byte[] manifest, String signature, PublicKey key) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update(manifest);
            return verifier.verify(Base64.getUrlDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Result invalid(List<String> files, String keyId, String sealedAt, String problem) {
        return new Result(false, files, keyId, sealedAt, problem);
    }
}
