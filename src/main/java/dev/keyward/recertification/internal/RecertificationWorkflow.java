package dev.keyward.recertification.internal;

import dev.keyward.access.GrantReviews;
import dev.keyward.access.GrantReviews.Reviewable;
import dev.keyward.identity.OrgEntry;
import dev.keyward.identity.PeopleService;
import dev.keyward.recertification.CampaignDefinition;
import dev.keyward.recertification.CampaignStatus;
import dev.keyward.recertification.RecertificationEvents;
import dev.keyward.recertification.RecertificationEvents.CampaignClosed;
import dev.keyward.recertification.RecertificationEvents.CampaignLaunched;
import dev.keyward.recertification.RecertificationEvents.GrantsChangedByReview;
import dev.keyward.recertification.RecertificationEvents.NoResponseApplied;
import dev.keyward.recertification.RecertificationEvents.ReviewersReminded;
import dev.keyward.recertification.RecertificationEvents.ReviewsEscalated;
import dev.keyward.recertification.ReviewFlag;
import dev.keyward.recertification.ReviewItem;
import dev.keyward.recertification.ReviewItem.ItemStatus;
import dev.keyward.recertification.ReviewItem.ReviewerKind;
import dev.keyward.recertification.internal.CampaignStore.CampaignRow;
import dev.keyward.recertification.internal.CampaignStore.NewItem;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the Recertification process does at each step; its delegates call only this. The launch snapshots the
 * scope into item rows (one per grant; never a process instance per grant) with their recommendation, flags and
 * reviewer; the deadline settles what nobody decided by the campaign's no-response rule, then closes it.
 */
@Component
public class RecertificationWorkflow {

    /** Who the records name for the steps the campaign takes by itself. */
    public static final String ACTOR = "keyward-recertification";

    private final CampaignStore store;
    private final Campaigns campaigns;
    private final GrantReviews grants;
    private final PeopleService people;
    private final RecertificationProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RecertificationWorkflow(CampaignStore store, Campaigns campaigns, GrantReviews grants, PeopleService people,
                            RecertificationProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.campaigns = campaigns;
        this.grants = grants;
        this.people = people;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Snapshots the campaign's scope: every active grant it covers becomes an item with its recommendation, flags,
     * delta mark and reviewer, written in batches; then the campaign is OPEN and the reviewers hear. Runs once: a
     * campaign already past LAUNCHING is left alone (a retried job).
     */
    @Transactional
    public long launch(String campaignId) {
        CampaignRow campaign = store.lock(campaignId).orElseThrow();
        if (campaign.status() != CampaignStatus.LAUNCHING) {
            return 0;
        }
        CampaignDefinition definition = campaigns.definition(campaign);
        Instant now = clock.instant();
        List<Reviewable> inScope = grants.inScope(CampaignRules.toGrantScope(definition.scope()));
        Map<String, OrgEntry> orgChart = people.orgChart();
        Recommendations advice = new Recommendations(properties.unusedAfter(), orgChart,
                store.lastSignedOff(inScope.stream().map(r -> r.grant().id()).toList()), now);
        ReviewRouting routing = new ReviewRouting(orgChart);
        List<ReviewerKind> stages = stages(definition.reviewers());
        List<NewItem> items = new ArrayList<>(inScope.size());
        for (Reviewable r : inScope) {
            Recommendations.Advice a = advice.advise(r);
            if (definition.deltaOnly() && !a.delta()) {
                continue;
            }
            ReviewRouting.Route route = routing.route(stages, 1, r.grant().principal(), r.accountOwner(), r.keyOwner());
            items.add(new NewItem(campaignId, r.grant().id(), r.grant().principal(), r.serviceAccount(), r.accountOwner(),
                    r.grant().key(), r.sensitivity(), r.keyOwner(), r.grant().permissions(), r.grant().validFrom(),
                    r.grant().validUntil(), route.stage(), route.kind(), route.reviewer(), route.reason(),
                    a.recommendation(), a.reason(), a.flags(), a.delta()));
        }
        store.insertItems(items);
        store.setStatus(campaignId, CampaignStatus.OPEN);
        events.publishEvent(new CampaignLaunched(campaignId, campaign.name(), items.size(), campaign.deadlineAt(),
                byReviewer(store.pendingByReviewer(campaignId))));
        return items.size();
    }

    /**
     * Reminds every reviewer with pending items; first hands the items of reviewers who are no longer active to
     * their manager (or to the security officers).
     */
    @Transactional
    public void remind(String campaignId) {
        CampaignRow campaign = store.find(campaignId).orElseThrow();
        if (campaign.status() != CampaignStatus.OPEN) {
            return;
        }
        long rerouted = rerouteInactiveReviewers(campaignId);
        events.publishEvent(new ReviewersReminded(campaignId, campaign.name(), campaign.deadlineAt(),
                byReviewer(store.pendingByReviewer(campaignId)), rerouted));
    }

    /** Tells the security officers which reviewers still have items pending this close to the deadline. */
    @Transactional
    public void escalate(String campaignId) {
        CampaignRow campaign = store.find(campaignId).orElseThrow();
        Map<String, Long> overdue = byReviewer(store.pendingByReviewer(campaignId));
        if (campaign.status() == CampaignStatus.OPEN && !overdue.isEmpty()) {
            events.publishEvent(new ReviewsEscalated(campaignId, campaign.name(), campaign.deadlineAt(), overdue));
        }
    }

    /**
     * At the deadline (or an early close), settles every pending item by the no-response rule of its key's
     * sensitivity: KEEP keeps the grant and flags the item, REVOKE revokes the grant now.
     */
    @Transactional
    public void applyNoResponse(String campaignId) {
        CampaignRow campaign = store.lock(campaignId).orElseThrow();
        Map<String, String> rule = campaigns.definition(campaign).noResponse();
        Instant now = clock.instant();
        long kept = 0;
        long revoked = 0;
        List<GrantsChangedByReview.Change> changes = new ArrayList<>();
        for (ReviewItem item : store.pending(campaignId)) {
            if ("REVOKE".equals(rule.get(item.sensitivity()))) {
                grants.revoke(item.grantId(), ACTOR, "Recertification \"" + campaign.name() + "\": no review before "
                        + "the deadline (" + item.sensitivity() + " grants are revoked when nobody answers).");
                store.settleUnanswered(item.id(), ItemStatus.REVOKED, now, now, flags(item.flags(), null));
                changes.add(new GrantsChangedByReview.Change(item.principal(), item.accountOwner(), item.key(),
                        item.keyOwner(), "revoked: nobody reviewed it before the deadline", null));
                revoked++;
            } else {
                store.settleUnanswered(item.id(), ItemStatus.KEPT, now, null, flags(item.flags(), ReviewFlag.NO_RESPONSE));
                kept++;
            }
        }
        events.publishEvent(new NoResponseApplied(campaignId, kept, revoked));
        if (!changes.isEmpty()) {
            events.publishEvent(new GrantsChangedByReview(campaign.name(), changes));
        }
    }

    /** Closes the campaign ({@code by}: the officer who closed it early, or null at the deadline). */
    @Transactional
    public void close(String campaignId, String by) {
        CampaignRow campaign = store.find(campaignId).orElseThrow();
        if (store.close(campaignId, by != null ? by : ACTOR, clock.instant())) {
            events.publishEvent(new CampaignClosed(campaignId, campaign.name(), campaigns.progress(campaign),
                    campaign.nextRoundAt()));
        }
    }

    /** Launches the next round of a recurring campaign, unless its series was stopped; the new campaign's id. */
    @Transactional
    public Optional<String> launchNextRound(String campaignId) {
        CampaignRow campaign = store.lock(campaignId).orElseThrow();
        if (campaign.nextRoundAt() == null) {
            return Optional.empty();
        }
        store.stopRecurrence(campaignId); // this round's part is done: the next one carries the series on
        return Optional.of(campaigns.define(campaigns.definition(campaign), ACTOR, campaignId).id());
    }

    private long rerouteInactiveReviewers(String campaignId) {
        ReviewRouting routing = new ReviewRouting(people.orgChart());
        long moved = 0;
        for (ReviewItem item : store.pending(campaignId)) {
            if (item.reviewer() == null || item.reviewer().equals(routing.activeOrManager(item.reviewer()))) {
                continue;
            }
            String replacement = routing.activeOrManager(item.reviewer());
            if (replacement != null && (replacement.equals(item.principal()) || replacement.equals(item.accountOwner()))) {
                replacement = null;
            }
            String reason = item.reviewer() + " may no longer review; "
                    + (replacement != null ? "their manager " + replacement + " reviews." : "the security officers review it.");
            if (store.reassign(item.id(), replacement, reason)) {
                moved++;
            }
        }
        return moved;
    }

    static List<ReviewerKind> stages(String reviewers) {
        return switch (reviewers) {
            case "KEY_OWNER" -> List.of(ReviewerKind.KEY_OWNER);
            case "MANAGER_THEN_OWNER" -> List.of(ReviewerKind.MANAGER, ReviewerKind.KEY_OWNER);
            default -> List.of(ReviewerKind.MANAGER);
        };
    }

    private static Map<String, Long> byReviewer(Map<String, Long> pending) {
        Map<String, Long> named = new TreeMap<>();
        pending.forEach((reviewer, n) -> named.merge(reviewer == null ? RecertificationEvents.OFFICERS : reviewer, n, Long::sum));
        return named;
    }

    private static String flags(Set<ReviewFlag> flags, ReviewFlag added) {
        EnumSet<ReviewFlag> all = flags.isEmpty() ? EnumSet.noneOf(ReviewFlag.class) : EnumSet.copyOf(flags);
        if (added != null) {
            all.add(added);
        }
        return all.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }
}
