package dev.keyward.recertification;

import dev.keyward.access.GrantReviews;
import dev.keyward.access.GrantUsage;
import dev.keyward.approvals.Authorization;
import dev.keyward.approvals.NotAuthorizedException;
import dev.keyward.approvals.PreparedDecision;
import dev.keyward.approvals.SignedDocuments;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import dev.keyward.identity.CurrentUser;
import dev.keyward.identity.PasskeyAssertion;
import dev.keyward.identity.PasskeySignatures.RelyingParty;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Roles;
import dev.keyward.recertification.RecertificationEvents.BatchRefused;
import dev.keyward.recertification.RecertificationEvents.ItemsReassigned;
import dev.keyward.recertification.ReviewItem.Recommendation;
import dev.keyward.recertification.internal.BatchDocuments;
import dev.keyward.recertification.internal.CampaignStore;
import dev.keyward.recertification.internal.CampaignStore.BatchRow;
import dev.keyward.recertification.internal.CampaignStore.ItemFilter;
import dev.keyward.recertification.internal.DecisionApplier;
import dev.keyward.recertification.internal.RecertificationProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reviewing: a reviewer's items (theirs, and the security officers' pool for officers; never an item on their own
 * grant or service account), and their decisions, signed as one batch. A batch is prepared (the canonical document
 * listing every item and its decision, whose SHA-256 is the WebAuthn challenge) and then signed; the signature is
 * verified against the stored document before anything is applied, and a batch whose document or signature does
 * not hold is refused whole and audited.
 */
@Service
@Transactional
@PreAuthorize("isAuthenticated()")
public class ReviewService {

    /** What a reviewer's filters ask for (null: any). */
    public record Filter(String campaignId, String key, Recommendation recommendation, ReviewFlag flag,
                         boolean pendingOnly) {

        public static final Filter PENDING = new Filter(null, null, null, null, true);
    }

    /** What a signed batch changed. */
    public record Applied(String batchId, int kept, int revoked, int reduced, int late) {
    }

    public static final int MAX_COMMENT = 1000;

    private final CampaignStore store;
    private final BatchDocuments documents;
    private final DecisionApplier applier;
    private final SignedDocuments signatures;
    private final GrantReviews grants;
    private final PeopleService people;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final RecertificationProperties properties;
    private final Clock clock;

    ReviewService(CampaignStore store, BatchDocuments documents, DecisionApplier applier, SignedDocuments signatures,
                  GrantReviews grants, PeopleService people, CurrentUser currentUser, ApplicationEventPublisher events,
                  RecertificationProperties properties, Clock clock) {
        this.store = store;
        this.documents = documents;
        this.applier = applier;
        this.signatures = signatures;
        this.grants = grants;
        this.people = people;
        this.currentUser = currentUser;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** One page of the signed-in reviewer's items, pending first and deltas first, with each grant's live last use. */
    @Transactional(readOnly = true)
    public List<ReviewItem> mine(Filter filter, int offset, int limit) {
        List<ReviewItem> items = store.reviewerItems(currentUser.requireUsername(), isOfficer(), itemFilter(filter),
                offset, Math.min(Math.max(limit, 1), properties.maxBatch()));
        Map<String, GrantUsage> usage = grants.usage(items.stream().map(ReviewItem::grantId).toList());
        return items.stream().map(i -> i.withLastUsedAt(usage.containsKey(i.grantId())
                ? usage.get(i.grantId()).lastUsedAt() : null)).toList();
    }

    /** The campaigns in which the signed-in reviewer has items, newest first. */
    @Transactional(readOnly = true)
    public List<ReviewerCampaign> myCampaigns() {
        return store.reviewerCampaigns(currentUser.requireUsername(), isOfficer());
    }

    @Transactional(readOnly = true)
    public long countMine(Filter filter) {
        return store.countReviewerItems(currentUser.requireUsername(), isOfficer(), itemFilter(filter));
    }

    /**
     * Whether {@code decision} could be taken on {@code item} (a flagged keep has its comment, a reduction keeps some
     * but not all permissions): the view asks before staging a decision, so the mistake shows at its field at once.
     */
    @Transactional(readOnly = true)
    public void check(ReviewItem item, ItemDecision decision) {
        applier.check(item, decision);
    }

    /**
     * Checks every decision (the item is the caller's to decide and still open, a flagged item kept has a comment,
     * a reduction keeps some but not all permissions) and fixes the batch document to sign. Refused whole, nothing
     * recorded, when any decision does not hold.
     */
    public PreparedDecision prepare(List<ItemDecision> decisions) {
        String me = currentUser.requireUsername();
        if (currentUser.hasRole(Roles.AUDITOR)) {
            throw new AccessDeniedException("Auditors verify reviews; they do not decide them.");
        }
        if (decisions == null || decisions.isEmpty() || decisions.size() > properties.maxBatch()) {
            throw new InvalidInputException("decisions", "Sign 1 to " + properties.maxBatch() + " decisions at a time.");
        }
        Set<Long> seen = new HashSet<>();
        for (ItemDecision d : decisions) {
            if (d == null || d.decision() == null) {
                throw new InvalidInputException("decisions", "Each decision is KEEP, REVOKE or REDUCE.");
            }
            if (!seen.add(d.itemId())) {
                throw new InvalidInputException("decisions", "Item " + d.itemId() + " is in the batch twice.");
            }
            if (d.comment() != null && d.comment().strip().length() > MAX_COMMENT) {
                throw new InvalidInputException("comment", "A comment has at most " + MAX_COMMENT + " characters.");
            }
        }
        Map<Long, ReviewItem> items = applier.decidable(me, isOfficer(), seen);
        for (ItemDecision d : decisions) {
            applier.check(items.get(d.itemId()), d);
        }
        String batchId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        String document = documents.document(batchId, me, now, decisions, items);
        Instant expires = now.plus(properties.signatureTimeout());
        PreparedDecision prepared = signatures.prepare(batchId, document, expires);
        store.insert(new BatchRow(batchId, items.values().iterator().next().campaignId(), me, document, "PREPARED", now,
                expires, null, null, null, null, null, null));
        return prepared;
    }

    /**
     * Applies a prepared batch once the reviewer's passkey has signed it: the signature must verify over the stored
     * document, and the document must still describe decisions the reviewer may take; otherwise nothing is applied,
     * the batch is refused and the refusal audited. Revocations bite at once (the crypto API refuses the next call).
     */
    @Transactional(noRollbackFor = BatchRefusedException.class)
    public Applied sign(String batchId, PasskeyAssertion assertion) {
        String me = currentUser.requireUsername();
        BatchRow batch = store.lockBatch(batchId).filter(b -> b.reviewer().equals(me) && "PREPARED".equals(b.status()))
                .orElseThrow(() -> new NotFoundException("No batch of yours is waiting for a signature under this "
                        + "reference; prepare it again."));
        if (batch.expiresAt().isBefore(clock.instant())) {
            throw refused(batch, "The signature came too late; prepare the batch again.");
        }
        RelyingParty signedFor = signatures.relyingParty();
        Authorization authorization;
        try {
            authorization = signatures.authorize(BatchDocuments.TYPE, batchId, me, batch.document(), assertion, signedFor);
        } catch (NotAuthorizedException e) {
            throw refused(batch, e.getMessage() + " The whole batch was refused; nothing was applied.");
        }
        List<BatchDocuments.Line> lines;
        try {
            lines = documents.lines(batch.document(), batchId, me);
        } catch (IllegalArgumentException e) {
            throw refused(batch, "The batch document does not hold: " + e.getMessage()
                    + " The whole batch was refused; nothing was applied.");
        }
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        Applied applied;
        try {
            applied = applier.apply(batch, lines, isOfficer(), authorization);
        } catch (BatchRefusedException e) {
            throw refused(batch, e.getMessage());
        }
        store.signed(batchId, "APPLIED", clock.instant(), b64.encodeToString(assertion.credentialId()),
                b64.encodeToString(assertion.authenticatorData()), b64.encodeToString(assertion.clientDataJson()),
                b64.encodeToString(assertion.signature()), signedFor);
        return applied;
    }

    /**
     * Hands pending items to another person who may review them (active, not their holder or account owner, not an
     * auditor). Audited.
     */
    public int reassign(List<Long> itemIds, String to, String reason) {
        String me = currentUser.requireUsername();
        if (itemIds == null || itemIds.isEmpty()) {
            throw new InvalidInputException("items", "Choose the items to hand over.");
        }
        if (to == null || !people.isActive(to.strip()) || people.isActiveWithRole(to.strip(), Roles.AUDITOR)) {
            throw new InvalidInputException("to", "Hand the items to an active person who is not an auditor.");
        }
        if (reason == null || reason.isBlank() || reason.length() > MAX_COMMENT) {
            throw new InvalidInputException("reason", "Say why you hand them over (1 to " + MAX_COMMENT + " characters).");
        }
        return applier.reassign(me, isOfficer(), Set.copyOf(itemIds), to.strip(), reason.strip(),
                (campaign, moved, from) -> new ItemsReassigned(campaign, moved, from, to.strip(), reason.strip()));
    }

    /** The batch is spent and the refusal audited; both commit with the refusal (nothing else was changed). */
    private BatchRefusedException refused(BatchRow batch, String reason) {
        store.signed(batch.id(), "REFUSED", clock.instant(), null, null, null, null, null);
        events.publishEvent(new BatchRefused(batch.campaignId(), batch.id(), batch.reviewer(), reason));
        return new BatchRefusedException(reason);
    }

    private boolean isOfficer() {
        return currentUser.hasRole(Roles.SECURITY_OFFICER);
    }

    private static ItemFilter itemFilter(Filter f) {
        Filter filter = f == null ? Filter.PENDING : f;
        return new ItemFilter(blankToNull(filter.campaignId()), blankToNull(filter.key()), filter.recommendation(),
                filter.flag(), filter.pendingOnly());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
