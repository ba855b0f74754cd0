package dev.keyward.recertification.internal;

import dev.keyward.access.GrantReviews.Reviewable;
import dev.keyward.access.GrantUsage;
import dev.keyward.access.Permission;
import dev.keyward.identity.OrgEntry;
import dev.keyward.identity.PersonStatus;
import dev.keyward.recertification.ReviewFlag;
import dev.keyward.recertification.ReviewItem.Recommendation;
import dev.keyward.recertification.internal.CampaignStore.SignedOff;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a reviewer is told about a grant, from its live usage and the facts around it: a recommendation with its
 * reason ("revoke: never used", "revoke: unused for 45 days", "keep: used on 3 Nov 2026 by payments-app"), flags
 * for what deserves a second look, and whether it is a delta (new or changed since its last signed-off review, or
 * now unused).
 */
final class Recommendations {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    record Advice(Recommendation recommendation, String reason, Set<ReviewFlag> flags, boolean delta) {
    }

    private final Duration unusedAfter;
    private final Map<String, OrgEntry> orgChart;
    private final Map<String, SignedOff> signedOff;
    private final Instant now;

    Recommendations(Duration unusedAfter, Map<String, OrgEntry> orgChart, Map<String, SignedOff> signedOff, Instant now) {
        this.unusedAfter = unusedAfter;
        this.orgChart = orgChart;
        this.signedOff = signedOff;
        this.now = now;
    }

    Advice advise(Reviewable r) {
        Set<ReviewFlag> flags = EnumSet.noneOf(ReviewFlag.class);
        String person = r.serviceAccount() ? r.accountOwner() : r.grant().principal();
        PersonStatus status = orgChart.containsKey(person) ? orgChart.get(person).status() : PersonStatus.LEFT;
        if (status == PersonStatus.LEFT) {
            flags.add(ReviewFlag.HOLDER_LEFT);
        } else if (status == PersonStatus.SUSPENDED) {
            flags.add(ReviewFlag.HOLDER_SUSPENDED);
        }
        if (r.accountDisabled()) {
            flags.add(ReviewFlag.ACCOUNT_DISABLED);
        }
        GrantUsage usage = r.usage();
        if (usage.lastUsedAt() != null && !usage.exercised().containsAll(r.grant().permissions().stream()
                .filter(p -> p != Permission.MANAGE).toList())) {
            flags.add(ReviewFlag.PERMISSIONS_UNUSED);
        }
        if (Duration.between(r.grant().validFrom(), r.grant().validUntil()).toDays() > r.keyMaxGrantDays()) {
            flags.add(ReviewFlag.LONGER_THAN_POLICY);
        }
        if (r.rotationOverdue()) {
            flags.add(ReviewFlag.ROTATION_OVERDUE);
        }
        Recommendation recommendation;
        String reason;
        Instant since = usage.lastUsedAt() != null ? usage.lastUsedAt() : r.grant().validFrom();
        long idleDays = Duration.between(since, now).toDays();
        if (flags.contains(ReviewFlag.HOLDER_LEFT) || flags.contains(ReviewFlag.HOLDER_SUSPENDED)
                || flags.contains(ReviewFlag.ACCOUNT_DISABLED)) {
            recommendation = Recommendation.REVOKE;
            reason = "revoke: " + (r.serviceAccount() ? flags.contains(ReviewFlag.ACCOUNT_DISABLED)
                    ? "the service account is disabled" : "its owner " + person + " " + standing(status)
                    : "the holder " + standing(status));
        } else if (usage.lastUsedAt() == null && idleDays >= unusedAfter.toDays()) {
            recommendation = Recommendation.REVOKE;
            reason = "revoke: never used in " + idleDays + " days";
        } else if (usage.lastUsedAt() == null) {
            recommendation = Recommendation.KEEP;
            reason = "keep: granted " + idleDays + (idleDays == 1 ? " day" : " days") + " ago, not used yet";
        } else if (idleDays >= unusedAfter.toDays()) {
            recommendation = Recommendation.REVOKE;
            reason = "revoke: unused for " + idleDays + " days (last on " + DAY.format(usage.lastUsedAt()) + ")";
        } else {
            recommendation = Recommendation.KEEP;
            reason = "keep: used on " + DAY.format(usage.lastUsedAt()) + " by " + r.grant().principal()
                    + (usage.lastClient() != null ? " (" + usage.lastClient() + ")" : "");
        }
        SignedOff before = signedOff.get(r.grant().id());
        boolean delta = before == null || !before.permissions().equals(r.grant().permissions())
                || !before.validUntil().equals(r.grant().validUntil()) || recommendation == Recommendation.REVOKE;
        return new Advice(recommendation, reason, flags, delta);
    }

    private static String standing(PersonStatus status) {
        return status == PersonStatus.LEFT ? "has left" : "is suspended";
    }
}
