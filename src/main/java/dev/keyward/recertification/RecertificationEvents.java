package dev.keyward.recertification;

import dev.keyward.audit.AuditOutcome;
import dev.keyward.audit.AuditTarget;
import dev.keyward.audit.AuditableEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The recertification module's past-tense events: the audited ones, and what notifications mail. */
public final class RecertificationEvents {

    /** How events name the security officers' pool among reviewers. */
    public static final String OFFICERS = "security officers";

    private RecertificationEvents() {
    }

    public record CampaignDefined(String campaignId, String name, String definition) implements AuditableEvent {
        public String action() { return "recertification.campaign.defined"; }
        public AuditTarget target() { return new AuditTarget("campaign", campaignId); }
        public Map<String, ?> details() { return Map.of("name", name, "definition", definition); }
    }

    /** The scope was snapshotted; {@code reviewers} maps each reviewer (or "security officers") to their item count. */
    public record CampaignLaunched(String campaignId, String name, long items, Instant deadlineAt,
                                   Map<String, Long> reviewers) implements AuditableEvent {
        public String action() { return "recertification.campaign.launched"; }
        public AuditTarget target() { return new AuditTarget("campaign", campaignId); }
        public Map<String, ?> details() {
            return Map.of("name", name, "items", items, "deadlineAt", deadlineAt.toString(), "reviewers", reviewers.size());
        }
    }

    /** Reviewers with pending items were reminded (and items of reviewers who left moved to their managers). */
    public record ReviewersReminded(String campaignId, String name, Instant deadlineAt, Map<String, Long> pending,
                                    long rerouted) implements AuditableEvent {
        public String action() { return "recertification.reviewers.reminded"; }
        public AuditTarget target() { return new AuditTarget("campaign", campaignId); }
        public Map<String, ?> details() { return Map.of("reviewers", pending.size(), "rerouted", rerouted); }
    }

    /** The security officers were told which reviewers are late. */
    public record ReviewsEscalated(String campaignId, String name, Instant deadlineAt, Map<String, Long> overdue)
            implements AuditableEvent {
        public String action() { return "recertification.reviews.escalated"; }
        public AuditTarget target() { return new AuditTarget("campaign", campaignId); }
        public Map<String, ?> details() { return Map.of("overdue", overdue); }
    }

    /** A reviewer reassigned items to somebody else. */
    public record ItemsReassigned(String campaignId, List<Long> items, String from, String to, String reason)
            implements AuditableEvent {
        public String action() { return "recertification.items.reassigned"; }
        public AuditTarget target() { return new AuditTarget("campaign", campaignId); }
        public Map<String, ?> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("items", items);
            details.put("from", from == null ? "security officers" : from);
            details.put("to", to);
            details.put("reason", reason);
            return details;
        }
    }

    /** A reviewer's signed batch verified and was applied. */
    public record BatchApplied(String campaignId, String batchId, String reviewer, String documentSha256, long kept,
                               long revoked, long reduced, long late) implements AuditableEvent {
        public String action() { return "recertification.batch.applied"; }
        public AuditTarget target() { return new AuditTarget("campaign", campaignId); }
        public Map<String, ?> details() {
            return Map.of("batch", batchId, "reviewer", reviewer, "documentSha256", documentSha256, "kept", kept,
                    "revoked", revoked, "reduced", reduced, "late", late);
        }
    }

    /** A signed batch was refused as a whole (signature or document did not hold): nothing was applied. */
    public record BatchRefused(String campaignId, String batchId, String reviewer, String reason) implements AuditableEvent {
        public String action() { return "recertification.batch.refused"; }
        public AuditTarget target() { return new AuditTarget("campaign", campaignId); }
        public AuditOutcome outcome() { return AuditOutcome.DENIED; }
        public Map<String, ?> details() { return Map.of("batch", batchId, "reviewer", reviewer, "reason", reason); }
    }

    /** The deadline rule settled what nobody decided. */
    public record NoResponseApplied(String campaignId, long kept, long revoked) implements AuditableEvent {
        public String action() { return "recertification.no-response.applied"; }
        public AuditTarget target() { return new AuditTarget("campaign", campaignId); }
        public Map<String, ?> details() { return Map.of("kept", kept, "revoked", revoked); }
    }

    public record CampaignClosed(String campaignId, String name, Campaign.Progress progress, Instant nextRoundAt)
            implements AuditableEvent {
        public String action() { return "recertification.campaign.closed"; }
        public AuditTarget target() { return new AuditTarget("campaign", campaignId); }
        public Map<String, ?> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("items", progress.items());
            details.put("kept", progress.kept());
            details.put("revoked", progress.revoked());
            details.put("reduced", progress.reduced());
            details.put("noResponse", progress.noResponse());
            if (nextRoundAt != null) {
                details.put("nextRoundAt", nextRoundAt.toString());
            }
            return details;
        }
    }

    public record RecurrenceStopped(String campaignId) implements AuditableEvent {
        public String action() { return "recertification.recurrence.stopped"; }
        public AuditTarget target() { return new AuditTarget("campaign", campaignId); }
        public Map<String, ?> details() { return Map.of(); }
    }

    /**
     * What a batch or the deadline rule changed, for the holders and key owners to hear (not audited: each grant's
     * revocation or reduction is, by access).
     */
    public record GrantsChangedByReview(String campaignName, List<Change> changes) {

        /** One grant revoked or narrowed; {@code tell} are the holder (or account owner) and the key's owner. */
        public record Change(String principal, String accountOwner, String key, String keyOwner, String outcome,
                             String reviewer) {
        }
    }
}
