package dev.keyward.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evidence sealed with the audit checkpoint key (a campaign's report now, evidence packs later): the files go into
 * one zip with a manifest ({@value #MANIFEST}: one {@code sha256sum} line per file) and the manifest's ES256
 * signature ({@value #SIGNATURE}: algorithm, key id, base64 signature, when). Anyone with the audit public key
 * verifies it without Keyward ({@link EvidenceVerifier}). Every seal is audited with the manifest's hash, so the
 * log also says which evidence was handed out.
 */
@Service
@Transactional
@RolesAllowed({AuditRoles.AUDITOR, AuditRoles.SECURITY_OFFICER})
public class EvidenceSeals {

    public static final String MANIFEST = "MANIFEST.sha256";
    public static final String SIGNATURE = "MANIFEST.sig.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CheckpointSigner signer;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EvidenceSeals(CheckpointSigner signer, ApplicationEventPublisher events, Clock clock) {
        this.signer = signer;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The files (name to content, in the order given) sealed into one zip.
     *
     * @param subject what the evidence is about, for the audit record (e.g. {@code campaign/<id>})
     */
    public byte[] seal(AuditTarget subject, Map<String, byte[]> files) {
        StringBuilder manifest = new StringBuilder();
        files.forEach((name, content) -> {
            if (name.contains("/") || name.contains("\n") || name.startsWith("MANIFEST")) {
                throw new IllegalArgumentException("Not a plain evidence file name: " + name);
            }
            manifest.append(sha256(content)).append("  ").append(name).append('\n');
        });
        byte[] manifestBytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
        Map<String, Object> signature = new LinkedHashMap<>();
        signature.put("algorithm", signer.algorithm());
        signature.put("keyId", signer.keyId());
        signature.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign(manifestBytes)));
        signature.put("sealedAt", clock.instant().toString());
        events.publishEvent(new EvidenceSealed(subject, sha256(manifestBytes), files.keySet().stream().toList()));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                put(out, file.getKey(), file.getValue());
            }
            put(out, MANIFEST, manifestBytes);
            put(out, SIGNATURE, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(signature));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zip.toByteArray();
    }

    private static void put(ZipOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content);
        out.closeEntry();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Evidence about {@code subject} was sealed and handed out. */
    record EvidenceSealed(AuditTarget subject, String manifestSha256, java.util.List<String> files)
            implements AuditableEvent {
        @Override
        public String action() {
            return "audit.evidence.sealed";
        }

        @Override
        public AuditTarget target() {
            return subject;
        }

        @Override
        public Map<String, ?> details() {
            return Map.of("manifestSha256", manifestSha256, "files", files);
        }
    }
}
