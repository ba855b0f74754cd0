package dev.keyward.recertification.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.keyward.access.Grant;
import dev.keyward.access.GrantReviews;
import dev.keyward.access.Permission;
import dev.keyward.approvals.SignedDocuments;
import dev.keyward.identity.PasskeyAssertion;
import dev.keyward.recertification.Campaign;
import dev.keyward.recertification.RecertificationEvents;
import dev.keyward.recertification.ReviewItem;
import dev.keyward.recertification.internal.CampaignStore.BatchRow;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;

/**
 * A closed campaign's report, as JSON and as CSV: the campaign (definition, dates, progress), and per item who held
 * what at launch, the recommendation and flags, who reviewed it at which stage, the decision with its time, comment
 * and whether the batch's passkey signature verifies now, when a revocation or reduction took effect, and what the
 * holder holds now. The caller seals the files with the audit key.
 */
@Component
public class CampaignReport {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] COLUMNS = {"item", "stage", "grant", "holder", "serviceAccount", "accountOwner", "key",
            "sensitivity", "keyOwner", "permissionsAtLaunch", "validUntil", "recommendation", "reason", "flags", "delta",
            "reviewer", "routedReason", "outcome", "keptPermissions", "comment", "decidedBy", "decidedAt", "noResponse",
            "late", "batch", "signatureVerified", "effectiveAt", "grantStatusNow", "permissionsNow"};
    private static final int PAGE = 5_000;

    private final CampaignStore store;
    private final GrantReviews grants;
    private final SignedDocuments signatures;
    private final Clock clock;

    CampaignReport(CampaignStore store, GrantReviews grants, SignedDocuments signatures, Clock clock) {
        this.store = store;
        this.grants = grants;
        this.signatures = signatures;
        this.clock = clock;
    }

    /** {@code campaign-<id>.json} and {@code campaign-<id>.csv}, in that order. */
    public Map<String, byte[]> files(Campaign campaign) {
        List<ReviewItem> items = new ArrayList<>();
        for (List<ReviewItem> page = store.items(campaign.id(), 0, PAGE); !page.isEmpty();
             page = store.items(campaign.id(), page.get(page.size() - 1).id(), PAGE)) {
            items.addAll(page);
        }
        Map<String, Boolean> verified = verified(store.batches(items.stream().map(ReviewItem::batchId)
                .filter(Objects::nonNull).collect(Collectors.toSet())).values());
        Map<String, Grant> now = grants.current(items.stream().map(ReviewItem::grantId).collect(Collectors.toSet()));
        List<Map<String, Object>> rows = items.stream().map(i -> row(i, verified, now.get(i.grantId()))).toList();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("type", "keyward.recertification.report");
        report.put("generatedAt", clock.instant().toString());
        report.put("campaign", campaign);
        report.put("batches", verified);
        report.put("items", rows);
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            files.put("campaign-" + campaign.id() + ".json", JSON.writeValueAsBytes(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        files.put("campaign-" + campaign.id() + ".csv", csv(rows));
        return files;
    }

    private Map<String, Boolean> verified(java.util.Collection<BatchRow> batches) {
        Base64.Decoder b64 = Base64.getUrlDecoder();
        Map<String, Boolean> result = new LinkedHashMap<>();
        for (BatchRow b : batches) {
            boolean valid = b.signature() != null && signatures.verify(b.reviewer(), b.document(), new PasskeyAssertion(
                    b64.decode(b.credentialId()), b64.decode(b.authenticatorData()), b64.decode(b.clientDataJson()),
                    b64.decode(b.signature())), b.signedFor()).valid();
            result.put(b.id(), valid);
        }
        return result;
    }

    private static Map<String, Object> row(ReviewItem i, Map<String, Boolean> verified, Grant now) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("item", i.id());
        row.put("stage", i.stage());
        row.put("grant", i.grantId());
        row.put("holder", i.principal());
        row.put("serviceAccount", i.serviceAccount());
        row.put("accountOwner", i.accountOwner());
        row.put("key", i.key());
        row.put("sensitivity", i.sensitivity());
        row.put("keyOwner", i.keyOwner());
        row.put("permissionsAtLaunch", names(i.permissions()));
        row.put("validUntil", text(i.validUntil()));
        row.put("recommendation", i.recommendation().name());
        row.put("reason", i.reason());
        row.put("flags", i.flags().stream().map(Enum::name).sorted().collect(Collectors.joining(" ")));
        row.put("delta", i.delta());
        row.put("reviewer", i.reviewer() == null ? RecertificationEvents.OFFICERS : i.reviewer());
        row.put("routedReason", i.routedReason());
        row.put("outcome", i.status().name());
        row.put("keptPermissions", i.keptPermissions() == null ? null : names(i.keptPermissions()));
        row.put("comment", i.comment());
        row.put("decidedBy", i.decidedBy());
        row.put("decidedAt", text(i.decidedAt()));
        row.put("noResponse", i.noResponse());
        row.put("late", i.late());
        row.put("batch", i.batchId());
        row.put("signatureVerified", i.batchId() == null ? null : verified.getOrDefault(i.batchId(), false));
        row.put("effectiveAt", text(i.effectiveAt()));
        row.put("grantStatusNow", now == null ? null : now.status().name());
        row.put("permissionsNow", now == null ? null : names(now.permissions()));
        return row;
    }

    private static byte[] csv(List<Map<String, Object>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(COLUMNS).get())) {
            for (Map<String, Object> row : rows) {
                List<Object> values = new ArrayList<>();
                for (String column : COLUMNS) {
                    values.add(row.get(column));
                }
                printer.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String names(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Enum::name).collect(Collectors.joining(" "));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
