package dev.keyward.audit;

import dev.keyward.audit.internal.AuditExportWriter;
import dev.keyward.audit.internal.AuditSealer;
import dev.keyward.audit.internal.AuditStore;
import dev.keyward.audit.internal.ChainCheck;
import jakarta.annotation.security.RolesAllowed;
import java.io.OutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Reading, verifying and exporting the audit log: for auditors and security officers. */
@Service
@RolesAllowed({AuditRoles.AUDITOR, AuditRoles.SECURITY_OFFICER})
public class AuditLog {

    /** How many entries a verification reports progress after. */
    public static final int PROGRESS_STEP = 10_000;

    public enum ExportFormat { NDJSON, CSV }

    private final AuditStore store;
    private final CheckpointSigner signer;
    private final AuditSealer sealer;
    private final ChainCheck chain;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate writing;

    AuditLog(AuditStore store, CheckpointSigner signer, AuditSealer sealer, ChainCheck chain,
             ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.store = store;
        this.signer = signer;
        this.sealer = sealer;
        this.chain = chain;
        this.events = events;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.writing = new TransactionTemplate(transactions);
        this.writing.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public List<AuditEntry> find(AuditFilter filter, long offset, int limit) {
        return store.find(filter, offset, Math.min(Math.max(limit, 1), 1000));
    }

    public long count(AuditFilter filter) {
        return store.count(filter);
    }

    public AuditVerification verify() {
        return verify(done -> { });
    }

    /**
     * Verifies the whole chain against the signed checkpoints, the database's and the witness's;
     * {@code progress} hears the entries checked so far.
     */
    public AuditVerification verify(LongConsumer progress) {
        AuditVerification result = readOnly.execute(status -> chain.verify(PROGRESS_STEP, progress));
        writing.executeWithoutResult(status -> events.publishEvent(new AuditLogVerified(result)));
        return result;
    }

    /** Why checkpoints are not being signed right now (the chain no longer extends the last known checkpoint). */
    public Optional<AuditChainBroken> signingAlarm() {
        return sealer.alarm();
    }

    /**
     * Streams the matching entries (and, for NDJSON, a header line and the checkpoints) to {@code out}. An NDJSON
     * export of a sequence range starts right after the signed checkpoint at or before {@code fromSeq}, so that it
     * can be verified offline from a checkpoint. The export itself is audited first: no record, no export.
     */
    public void export(AuditFilter filter, ExportFormat format, OutputStream out) {
        writing.executeWithoutResult(status -> events.publishEvent(new AuditLogExported(filter, format.name())));
        readOnly.executeWithoutResult(status -> {
            if (format == ExportFormat.CSV) {
                try (var csv = new AuditExportWriter.Csv(out)) {
                    store.stream(filter, entry -> {
                        csv.write(entry);
                        return true;
                    });
                }
            } else {
                var ndjson = new AuditExportWriter.Ndjson(out);
                List<AuditCheckpoint> checkpoints = store.checkpoints();
                AuditFilter range = filter.fromSeq() == null ? filter : filter.startingAt(checkpoints.stream()
                        .mapToLong(AuditCheckpoint::lastSeq).filter(seq -> seq < filter.fromSeq()).max().orElse(0) + 1);
                ndjson.write(AuditExportWriter.exportHeader(range.fromSeq() == null ? 1 : range.fromSeq(), range.toSeq()));
                checkpoints.stream()
                        .filter(c -> filter.toSeq() == null || c.lastSeq() <= filter.toSeq())
                        .forEach(c -> ndjson.write(AuditExportWriter.toJson(c)));
                store.stream(range, entry -> {
                    ndjson.write(AuditExportWriter.toJson(entry));
                    return true;
                });
            }
        });
    }

    /** The checkpoint-signing public key (PEM, SubjectPublicKeyInfo) for offline verification. */
    public String publicKeyPem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(signer.publicKey().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** An auditor checked the chain. */
    record AuditLogVerified(AuditVerification result) implements AuditableEvent {
        @Override
        public String action() {
            return "audit.log.verified";
        }

        @Override
        public AuditTarget target() {
            return new AuditTarget("audit-log", "main");
        }

        @Override
        public AuditOutcome outcome() {
            return result.valid() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE;
        }

        @Override
        public Map<String, ?> details() {
            return result.valid() ? Map.of("entries", result.entries())
                    : Map.of("entries", result.entries(), "firstInvalidSequence", result.firstInvalidSequence());
        }
    }

    /** Somebody exported entries. */
    record AuditLogExported(AuditFilter filter, String format) implements AuditableEvent {
        @Override
        public String action() {
            return "audit.log.exported";
        }

        @Override
        public AuditTarget target() {
            return new AuditTarget("audit-log", "main");
        }

        @Override
        public Map<String, ?> details() {
            return Map.of("format", format, "filter", filter.toString());
        }
    }
}
