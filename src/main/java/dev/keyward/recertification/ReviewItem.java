package dev.keyward.recertification;

import dev.keyward.access.Permission;
import java.time.Instant;
import java.util.Set;

/**
 * One grant under review at one stage, as launched (holder, key, permissions, validity), with its recommendation,
 * flags, routing and, once decided, the decision.
 *
 * @param reviewer     who decides; null when the security officers do ({@code routedReason} says why)
 * @param delta        new or changed since its last signed-off review, or now unused (shown first)
 * @param lastUsedAt   live: the grant's last use now, not at launch (null: never)
 * @param noResponse   settled by the deadline rule, not by a reviewer
 * @param late         decided after the deadline rule had settled it
 */
public record ReviewItem(long id, String campaignId, String campaignName, String grantId, String principal,
                         boolean serviceAccount, String accountOwner, String key, String sensitivity, String keyOwner,
                         Set<Permission> permissions, Instant validFrom, Instant validUntil, int stage,
                         ReviewerKind reviewerKind, String reviewer, String routedReason, Recommendation recommendation,
                         String reason, Set<ReviewFlag> flags, boolean delta, ItemStatus status,
                         Set<Permission> keptPermissions, String comment, String decidedBy, Instant decidedAt,
                         String batchId, boolean noResponse, boolean late, Instant effectiveAt, Instant lastUsedAt) {

    public enum Recommendation { KEEP, REVOKE }

    public enum ReviewerKind { MANAGER, KEY_OWNER, OFFICERS }

    /** PENDING until decided; FORWARDED when kept at the first of two stages (the second stage has its own item). */
    public enum ItemStatus { PENDING, KEPT, REVOKED, REDUCED, FORWARDED }

    public boolean flagged() {
        return !flags.isEmpty();
    }

    /** The same item with its grant's last use as it stands now. */
    public ReviewItem withLastUsedAt(Instant at) {
        return new ReviewItem(id, campaignId, campaignName, grantId, principal, serviceAccount, accountOwner, key,
                sensitivity, keyOwner, permissions, validFrom, validUntil, stage, reviewerKind, reviewer, routedReason,
                recommendation, reason, flags, delta, status, keptPermissions, comment, decidedBy, decidedAt, batchId,
                noResponse, late, effectiveAt, at);
    }
}
