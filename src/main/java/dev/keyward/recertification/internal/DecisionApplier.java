package dev.keyward.recertification.internal;

import dev.keyward.approvals.Authorization;
import dev.keyward.access.GrantReviews;
import dev.keyward.access.Permission;
import dev.keyward.approvals.SignedDocuments;
import dev.keyward.audit.AuditableEvent;
import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import dev.keyward.identity.PeopleService;
import dev.keyward.recertification.BatchRefusedException;
import dev.keyward.recertification.CampaignDefinition;
import dev.keyward.recertification.ItemDecision;
import dev.keyward.recertification.RecertificationEvents.BatchApplied;
import dev.keyward.recertification.RecertificationEvents.GrantsChangedByReview;
import dev.keyward.recertification.ReviewItem;
import dev.keyward.recertification.ReviewItem.ItemStatus;
import dev.keyward.recertification.ReviewItem.ReviewerKind;
import dev.keyward.recertification.ReviewService;
import dev.keyward.recertification.internal.BatchDocuments.Line;
import dev.keyward.recertification.internal.CampaignStore.BatchRow;
import dev.keyward.recertification.internal.CampaignStore.NewItem;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may decide which item, and what a verified batch does: a revocation goes the way a manual one does (the
 * crypto API refuses the next call), a reduction narrows the grant, a keep at the first of two stages hands the
 * item to the second reviewer. Every check runs before the first change, so a batch applies whole or not at all.
 */
@Component
public class DecisionApplier {

    /** Builds the audit record of a reassignment: campaign, items moved, from whom (null: the officers' pool). */
    public interface ReassignmentRecord {
        AuditableEvent of(String campaignId, List<Long> items, String from);
    }

    private final CampaignStore store;
    private final Campaigns campaigns;
    private final GrantReviews grants;
    private final PeopleService people;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DecisionApplier(CampaignStore store, Campaigns campaigns, GrantReviews grants, PeopleService people,
                    ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.campaigns = campaigns;
        this.grants = grants;
        this.people = people;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The items, each checked to be {@code reviewer}'s to decide now: assigned to them (or to the officers' pool
     * when they are an officer), not on their own grant or service account, still open (pending, or settled by the
     * no-response rule and not yet decided late), all in one campaign.
     */
    public Map<Long, ReviewItem> decidable(String reviewer, boolean officer, Collection<Long> ids) {
        Map<Long, ReviewItem> items = new LinkedHashMap<>();
        store.itemsForUpdate(ids).forEach(i -> items.put(i.id(), i));
        for (Long id : ids) {
            ReviewItem item = items.get(id);
            if (item == null) {
                throw new NotFoundException("No review item " + id + ".");
            }
            refusal(reviewer, officer, item).ifPresent(reason -> {
                throw reason;
            });
        }
        if (items.values().stream().map(ReviewItem::campaignId).distinct().count() > 1) {
            throw new InvalidInputException("decisions", "Sign the decisions of one campaign at a time.");
        }
        return items;
    }

    private Optional<RuntimeException> refusal(String reviewer, boolean officer, ReviewItem item) {
        if (reviewer.equals(item.principal()) || reviewer.equals(item.accountOwner())) {
            return Optional.of(new AccessDeniedException("Item " + item.id() + " is your own "
                    + (reviewer.equals(item.principal()) ? "grant" : "service account's grant") + "; somebody else reviews it."));
        }
        String maker = people.makersOf(item.accountOwner() != null ? item.accountOwner() : item.principal()).get(reviewer);
        if (maker != null) {
            return Optional.of(new AccessDeniedException("Item " + item.id() + ": " + maker));
        }
        boolean assigned = reviewer.equals(item.reviewer()) || (item.reviewer() == null && officer);
        if (!assigned) {
            return Optional.of(new AccessDeniedException("Item " + item.id() + " is not yours to review: it is "
                    + "assigned to " + (item.reviewer() == null ? "the security officers" : item.reviewer()) + "."));
        }
        boolean open = item.status() == ItemStatus.PENDING || (item.noResponse() && !item.late());
        if (!open) {
            return Optional.of(new ConflictException("Item " + item.id() + " was already decided ("
                    + item.status() + (item.decidedBy() != null ? " by " + item.decidedBy() : "") + ")."));
        }
        return Optional.empty();
    }

    /** Whether {@code decision} can be taken on {@code item}; a refusal at the field to blame otherwise. */
    public void check(ReviewItem item, ItemDecision decision) {
        boolean keeping = decision.decision() != ItemDecision.Decision.REVOKE;
        if (keeping && item.flagged() && (decision.comment() == null || decision.comment().isBlank())) {
            throw new InvalidInputException("comment", "Item " + item.id() + " is flagged ("
                    + item.flags().stream().map(f -> f.label().toLowerCase()).sorted().toList()
                    + "): say why it should be kept.");
        }
        if (decision.decision() == ItemDecision.Decision.REDUCE) {
            Set<Permission> keep = decision.keep() == null ? Set.of() : decision.keep();
            if (keep.isEmpty() || !item.permissions().containsAll(keep) || keep.containsAll(item.permissions())) {
                throw new InvalidInputException("keep", "To reduce item " + item.id() + ", keep some but not all of "
                        + item.permissions().stream().map(Permission::label).sorted().toList() + ".");
            }
        }
        if (keeping && item.noResponse() && item.status() == ItemStatus.REVOKED) {
            throw new ConflictException("Item " + item.id() + "'s grant was revoked at the deadline because nobody "
                    + "reviewed it; to restore it, " + (item.accountOwner() != null ? item.accountOwner() : item.principal())
                    + " asks for access again.");
        }
    }

    /**
     * Applies the decisions a verified batch document states. Every item is re-checked (still the reviewer's, still
     * open, still as the document describes it) before the first change; any failure refuses the whole batch. Only
     * with the engine's authorization of this batch (its signature verified).
     */
    public ReviewService.Applied apply(BatchRow batch, List<Line> lines, boolean officer, Authorization authorization) {
        authorization.requireFor(BatchDocuments.TYPE, batch.id());
        String reviewer = batch.reviewer();
        Map<Long, ReviewItem> items;
        try {
            items = decidable(reviewer, officer, lines.stream().map(Line::itemId).toList());
            for (Line line : lines) {
                ReviewItem item = items.get(line.itemId());
                if (!BatchDocuments.describes(line, item)) {
                    throw new BatchRefusedException("The signed document does not describe item " + line.itemId()
                            + " as it stands.");
                }
                check(item, new ItemDecision(line.itemId(), line.decision(), line.keep(), line.comment()));
            }
        } catch (BatchRefusedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BatchRefusedException(e.getMessage() + " The whole batch was refused; nothing was applied.");
        }
        ReviewItem first = items.values().iterator().next();
        var campaign = store.find(first.campaignId()).orElseThrow();
        CampaignDefinition definition = campaigns.definition(campaign);
        List<ReviewerKind> stages = RecertificationWorkflow.stages(definition.reviewers());
        ReviewRouting routing = new ReviewRouting(people.orgChart());
        Instant now = clock.instant();
        int kept = 0;
        int revoked = 0;
        int reduced = 0;
        int late = 0;
        List<GrantsChangedByReview.Change> changes = new ArrayList<>();
        List<NewItem> nextStage = new ArrayList<>();
        for (Line line : lines) {
            ReviewItem item = items.get(line.itemId());
            boolean isLate = item.noResponse();
            String why = "Recertification \"" + campaign.name() + "\", reviewed by " + reviewer
                    + (line.comment() != null ? ": " + line.comment() : ".");
            ItemStatus status;
            Instant effective = null;
            Set<Permission> after = item.permissions();
            switch (line.decision()) {
                case REVOKE -> {
                    if (grants.revoke(item.grantId(), reviewer, why)) {
                        effective = now;
                        changes.add(change(item, "revoked", reviewer));
                    }
                    status = ItemStatus.REVOKED;
                    revoked++;
                }
                case REDUCE -> {
                    grants.reduce(item.grantId(), line.keep(), reviewer, why);
                    effective = now;
                    after = line.keep();
                    changes.add(change(item, "reduced to " + line.keep().stream().map(Permission::label).sorted().toList(),
                            reviewer));
                    status = ItemStatus.REDUCED;
                    reduced++;
                }
                default -> {
                    status = ItemStatus.KEPT;
                    kept++;
                }
            }
            if (status != ItemStatus.REVOKED && item.stage() < stages.size() && !isLate) {
                status = ItemStatus.FORWARDED;
                ReviewRouting.Route route = routing.route(stages, item.stage() + 1, item.principal(), item.accountOwner(),
                        item.keyOwner());
                nextStage.add(new NewItem(item.campaignId(), item.grantId(), item.principal(), item.serviceAccount(),
                        item.accountOwner(), item.key(), item.sensitivity(), item.keyOwner(), after, item.validFrom(),
                        item.validUntil(), route.stage(), route.kind(), route.reviewer(), route.reason(),
                        item.recommendation(), item.reason(), item.flags(), item.delta()));
            }
            if (!store.decide(item.id(), status, line.keep(), line.comment(), reviewer, now, batch.id(), isLate, effective)) {
                throw new IllegalStateException("Item " + item.id() + " changed while its batch was applied");
            }
            if (status == ItemStatus.KEPT || status == ItemStatus.REDUCED) {
                store.signOff(item.grantId(), after, item.validUntil(), now, campaign.id(), reviewer);
            }
            if (isLate) {
                late++;
            }
        }
        store.insertItems(nextStage);
        events.publishEvent(new BatchApplied(campaign.id(), batch.id(), reviewer, SignedDocuments.sha256Hex(batch.document()), kept, revoked,
                reduced, late));
        if (!changes.isEmpty()) {
            events.publishEvent(new GrantsChangedByReview(campaign.name(), changes));
        }
        return new ReviewService.Applied(batch.id(), kept, revoked, reduced, late);
    }

    /** Hands the pending items to {@code to}; each must be the caller's to decide and not {@code to}'s own. */
    public int reassign(String me, boolean officer, Set<Long> ids, String to, String reason,
                        ReassignmentRecord record) {
        Map<Long, ReviewItem> items = decidable(me, officer, ids);
        for (ReviewItem item : items.values()) {
            if (to.equals(item.principal()) || to.equals(item.accountOwner())) {
                throw new InvalidInputException("to", to + " holds item " + item.id() + "'s grant and cannot review it.");
            }
            String holder = item.accountOwner() != null ? item.accountOwner() : item.principal();
            if (people.makersOf(holder).containsKey(to)) {
                throw new InvalidInputException("to", to + " made " + holder + "'s account and may know its password; "
                        + "hand item " + item.id() + " to somebody else.");
            }
            if (item.status() != ItemStatus.PENDING) {
                throw new ConflictException("Item " + item.id() + " was settled at the deadline; decide it yourself.");
            }
        }
        Map<String, List<Long>> moved = new LinkedHashMap<>();
        for (ReviewItem item : items.values()) {
            store.reassign(item.id(), to, "Handed over by " + me + ": " + reason);
            moved.computeIfAbsent(item.reviewer() == null ? "" : item.reviewer(), k -> new ArrayList<>()).add(item.id());
        }
        String campaignId = items.values().iterator().next().campaignId();
        moved.forEach((from, list) -> events.publishEvent(record.of(campaignId, list, from.isEmpty() ? null : from)));
        return items.size();
    }

    private static GrantsChangedByReview.Change change(ReviewItem item, String outcome, String reviewer) {
        return new GrantsChangedByReview.Change(item.principal(), item.accountOwner(), item.key(), item.keyOwner(),
                outcome, reviewer);
    }
}
