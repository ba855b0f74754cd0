package dev.keyward.audit.api;

import dev.keyward.audit.AuditEntry;
import dev.keyward.audit.AuditFilter;
import dev.keyward.audit.AuditLog;
import dev.keyward.audit.AuditLog.ExportFormat;
import dev.keyward.audit.AuditOutcome;
import dev.keyward.audit.AuditVerification;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log for auditors and security officers: verify, browse, export, and the key to check signatures. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "The tamper-evident audit log")
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/verify")
    @Operation(summary = "Verify the chain", description = "Checks every entry's hash and link and every signed "
            + "checkpoint; names the first bad sequence number.")
    AuditVerification verify() {
        return audit.verify();
    }

    @GetMapping("/entries")
    @Operation(summary = "List entries", description = "Newest first, filtered; page through with page and size (max 1000).")
    EntryPage entries(@ParameterObject Criteria criteria, @RequestParam(defaultValue = "0") int page,
                      @RequestParam(defaultValue = "50") int size) {
        int offset = Paging.offset(page, size, 1000);
        List<AuditEntry> entries = audit.find(criteria.filter(null, null), offset, size + 1);
        return new EntryPage(entries.subList(0, Math.min(size, entries.size())), page, size, entries.size() > size);
    }

    @GetMapping("/export")
    @Operation(summary = "Export entries", description = "Streams NDJSON (entries and signed checkpoints; verify it "
            + "offline with AuditVerifier when unfiltered or filtered by sequence only) or CSV. Every export is audited.")
    void export(@RequestParam(defaultValue = "ndjson") String format, @ParameterObject Criteria criteria,
                @RequestParam(required = false) Long fromSeq, @RequestParam(required = false) Long toSeq,
                HttpServletResponse response) throws IOException {
        ExportFormat kind = switch (format) {
            case "ndjson" -> ExportFormat.NDJSON;
            case "csv" -> ExportFormat.CSV;
            default -> throw new InvalidInputException("format is 'ndjson' or 'csv'.");
        };
        var filter = criteria.filter(fromSeq, toSeq);
        response.setContentType(kind == ExportFormat.CSV ? "text/csv;charset=UTF-8" : "application/x-ndjson");
        response.setHeader("Content-Disposition", "attachment; filename=\"keyward-audit." + format + "\"");
        audit.export(filter, kind, response.getOutputStream());
    }

    @GetMapping(value = "/public-key", produces = "application/x-pem-file")
    @Operation(summary = "Checkpoint public key", description = "PEM; verifies checkpoint signatures offline.")
    String publicKey() {
        return audit.publicKeyPem();
    }

    /** The query parameters both listing and export filter by; all optional. */
    record Criteria(String actor, String action, String targetType, String targetId, AuditOutcome outcome,
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {

        private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
        private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

        AuditFilter filter(Long fromSeq, Long toSeq) {
            for (Instant bound : new Instant[] {from, to}) {
                if (bound != null && (bound.isBefore(EARLIEST) || bound.isAfter(LATEST))) {
                    throw new InvalidInputException("'from' and 'to' must lie between 1970 and 9999.");
                }
            }
            if (fromSeq != null && fromSeq < 1 || toSeq != null && toSeq < 1) {
                throw new InvalidInputException("'fromSeq' and 'toSeq' start at 1.");
            }
            return new AuditFilter(actor, action, targetType, targetId, outcome, from, to, fromSeq, toSeq);
        }
    }

    /** One page of entries; {@code more} tells whether another page follows. */
    record EntryPage(List<AuditEntry> entries, int page, int size, boolean more) {
    }
}
