package dev.keyward.recertification.internal;

import dev.keyward.access.Permission;
import dev.keyward.approvals.SignedDocuments;
import dev.keyward.recertification.ItemDecision;
import dev.keyward.recertification.ReviewItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The document a reviewer signs for a batch: canonical JSON naming the batch, the reviewer, when, and for every
 * item its grant, holder, key, stage, permissions as reviewed, the decision, the permissions kept and the comment.
 * What is applied is read back from this signed document, never from anything else.
 */
@Component
public class BatchDocuments {

    /** What a batch is to the engine's authorization: a signed subject of its own. */
    public static final String TYPE = "recertification-batch";

    /** One decision as the signed document states it. */
    public record Line(long itemId, String campaignId, String grantId, String holder, String key, int stage,
                       Set<Permission> permissions, ItemDecision.Decision decision, Set<Permission> keep,
                       String comment) {
    }

    public String document(String batchId, String reviewer, Instant at, Collection<ItemDecision> decisions,
                           Map<Long, ReviewItem> items) {
        List<Map<String, Object>> lines = new ArrayList<>();
        decisions.stream().sorted(Comparator.comparingLong(ItemDecision::itemId)).forEach(d -> {
            ReviewItem item = items.get(d.itemId());
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("item", item.id());
            line.put("campaign", item.campaignId());
            line.put("grant", item.grantId());
            line.put("holder", item.principal());
            line.put("key", item.key());
            line.put("stage", item.stage());
            line.put("permissions", sorted(item.permissions()));
            line.put("decision", d.decision().name());
            if (d.decision() == ItemDecision.Decision.REDUCE) {
                line.put("keep", sorted(d.keep()));
            }
            String comment = d.comment() == null || d.comment().isBlank() ? null : d.comment().strip();
            if (comment != null) {
                line.put("comment", comment);
            }
            lines.add(line);
        });
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", "keyward.recertification.batch");
        document.put("batch", batchId);
        document.put("reviewer", reviewer);
        document.put("preparedAt", at.toString());
        document.put("decisions", lines);
        return SignedDocuments.canonical(document);
    }

    /**
     * The decisions a stored document states, once it is known to name this batch and reviewer; an
     * {@link IllegalArgumentException} saying what is wrong otherwise.
     */
    public List<Line> lines(String document, String batchId, String reviewer) {
        Map<String, Object> parsed = SignedDocuments.parse(document);
        if (!"keyward.recertification.batch".equals(parsed.get("type")) || !batchId.equals(parsed.get("batch"))
                || !reviewer.equals(parsed.get("reviewer"))) {
            throw new IllegalArgumentException("it does not name this batch and reviewer.");
        }
        if (!(parsed.get("decisions") instanceof List<?> decisions) || decisions.isEmpty()) {
            throw new IllegalArgumentException("it lists no decisions.");
        }
        List<Line> lines = new ArrayList<>();
        for (Object entry : decisions) {
            if (!(entry instanceof Map<?, ?> line)) {
                throw new IllegalArgumentException("a decision is not an object.");
            }
            try {
                ItemDecision.Decision decision = ItemDecision.Decision.valueOf((String) line.get("decision"));
                lines.add(new Line(((Number) line.get("item")).longValue(), (String) line.get("campaign"),
                        (String) line.get("grant"), (String) line.get("holder"), (String) line.get("key"),
                        ((Number) line.get("stage")).intValue(), permissions(line.get("permissions")), decision,
                        decision == ItemDecision.Decision.REDUCE ? permissions(line.get("keep")) : null,
                        (String) line.get("comment")));
            } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
                throw new IllegalArgumentException("a decision is incomplete or unreadable.");
            }
        }
        return lines;
    }

    /** Whether {@code line} describes {@code item} as it stands (same campaign, grant, holder, key, stage, permissions). */
    public static boolean describes(Line line, ReviewItem item) {
        return item != null && line.itemId() == item.id() && Objects.equals(line.campaignId(), item.campaignId())
                && Objects.equals(line.grantId(), item.grantId()) && Objects.equals(line.holder(), item.principal())
                && Objects.equals(line.key(), item.key()) && line.stage() == item.stage()
                && line.permissions().equals(item.permissions());
    }

    private static List<String> sorted(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Enum::name).toList();
    }

    private static Set<Permission> permissions(Object value) {
        Set<Permission> set = EnumSet.noneOf(Permission.class);
        for (Object name : (List<?>) value) {
            set.add(Permission.valueOf((String) name));
        }
        return set;
    }
}
