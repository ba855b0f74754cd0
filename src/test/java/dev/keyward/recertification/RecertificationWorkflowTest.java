package dev.keyward.recertification;

import static dev.keyward.access.Permission.USE_DECRYPT;
import static dev.keyward.access.Permission.USE_ENCRYPT;
import static dev.keyward.recertification.RecertificationFixture.keep;
import static dev.keyward.recertification.RecertificationFixture.overKeys;
import static dev.keyward.recertification.RecertificationFixture.revoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyward.access.AccessFixture;
import dev.keyward.access.AccessFixture.Cast;
import dev.keyward.access.Grant;
import dev.keyward.access.GrantStatus;
import dev.keyward.approvals.PreparedDecision;
import dev.keyward.audit.AuditTestSupport;
import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.identity.PasskeyAssertion;
import dev.keyward.identity.Roles;
import dev.keyward.keys.Sensitivity;
import dev.keyward.recertification.ReviewItem.Recommendation;
import dev.keyward.recertification.ReviewItem.ReviewerKind;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import dev.keyward.support.Workflows;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Recertification campaigns on the real engine (bpmn/Recertification.bpmn): the launch snapshot with its
 * recommendations and routing, signed batches that apply at once, tampering, the deadline rule, reminders,
 * escalation, two stages, delta mode and recurrence.
 */
class RecertificationWorkflowTest extends IntegrationTest {

    private static final Duration DAY = Duration.ofDays(1);

    @Autowired
    RecertificationFixture recert;
    @Autowired
    AccessFixture access;
    @Autowired
    CampaignService campaigns;
    @Autowired
    ReviewService reviews;
    @Autowired
    TestPeople people;
    @Autowired
    Workflows workflows;
    @Autowired
    AuditTestSupport audit;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void launchRecommendsFromUsageFlagsWhatDeservesALookAndRoutesEachGrantToTheHoldersManager() {
        Cast cast = access.cast();
        String key = access.activeKey(Sensitivity.HIGH, cast.owner(), cast.officer1());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String colleague = access.withPasskey(people.createReportingTo("colleague", cast.manager()));
        String leaver = people.createReportingTo("leaver", cast.manager());
        String app = recert.serviceAccount(cast.requester());
        String used = recert.grant(cast.requester(), key, Set.of(USE_ENCRYPT, USE_DECRYPT), now.minus(DAY.multipliedBy(40)),
                now.plus(DAY.multipliedBy(20)));
        recert.used(used, key, cast.requester(), "ENCRYPT", now.minus(DAY.multipliedBy(2)));
        String neverUsed = recert.grant(colleague, key, Set.of(USE_ENCRYPT), now.minus(DAY.multipliedBy(40)),
                now.plus(DAY.multipliedBy(20)));
        String idle = recert.grant(app, key, Set.of(USE_DECRYPT), now.minus(DAY.multipliedBy(100)), now.plus(DAY.multipliedBy(20)));
        recert.used(idle, key, app, "DECRYPT", now.minus(DAY.multipliedBy(45)));
        String left = recert.grant(leaver, key, Set.of(USE_ENCRYPT), now.minus(DAY), now.plus(DAY.multipliedBy(10)));
        recert.status(leaver, "LEFT");

        Campaign campaign = recert.launch(cast.officer1(), overKeys("Q4 HIGH keys", "MANAGER", List.of(key)));

        assertThat(campaign.status()).isEqualTo(CampaignStatus.OPEN);
        assertThat(campaign.progress().items()).isEqualTo(4);
        assertThat(campaign.progress().pending()).isEqualTo(4);
        Map<String, ReviewItem> byGrant = byGrant(recert.pendingOf(cast.manager(), campaign.id()));
        assertThat(byGrant).containsOnlyKeys(used, neverUsed, idle, left);
        assertThat(byGrant.get(used).recommendation()).isEqualTo(Recommendation.KEEP);
        assertThat(byGrant.get(used).reason()).startsWith("keep: used on ").contains("by " + cast.requester());
        assertThat(byGrant.get(used).flags()).contains(ReviewFlag.PERMISSIONS_UNUSED).doesNotContain(ReviewFlag.HOLDER_LEFT);
        assertThat(byGrant.get(used).lastUsedAt()).isEqualTo(now.minus(DAY.multipliedBy(2)));
        assertThat(byGrant.get(neverUsed).recommendation()).isEqualTo(Recommendation.REVOKE);
        assertThat(byGrant.get(neverUsed).reason()).isEqualTo("revoke: never used in 40 days");
        assertThat(byGrant.get(idle).reason()).startsWith("revoke: unused for 45 days");
        assertThat(byGrant.get(idle).serviceAccount()).isTrue();
        assertThat(byGrant.get(idle).flags()).contains(ReviewFlag.LONGER_THAN_POLICY);
        assertThat(byGrant.get(left).recommendation()).isEqualTo(Recommendation.REVOKE);
        assertThat(byGrant.get(left).flags()).contains(ReviewFlag.HOLDER_LEFT);
        assertThat(byGrant.values()).allMatch(i -> cast.manager().equals(i.reviewer()) && i.delta()
                && i.reviewerKind() == ReviewerKind.MANAGER);
        assertThat(entries("recertification.campaign.launched")).anyMatch(e -> campaign.id().equals(e.get("TARGET_ID")));
    }

    @Test
    void oneSignatureAppliesABatchAtOnceAndAnItemCannotBeDecidedTwiceOrBySomebodyElse() {
        Cast cast = access.cast();
        String key = access.activeKey(Sensitivity.HIGH, cast.owner(), cast.officer1());
        Instant now = clock.instant();
        String unused = recert.grant(cast.requester(), key, Set.of(USE_ENCRYPT), now.minus(DAY.multipliedBy(60)), now.plus(DAY));
        String app = recert.serviceAccount(cast.requester());
        String wide = recert.grant(app, key, Set.of(USE_ENCRYPT, USE_DECRYPT), now.minus(DAY), now.plus(DAY));
        recert.used(wide, key, app, "ENCRYPT", now.minus(Duration.ofHours(3)));
        Campaign campaign = recert.launch(cast.officer1(), overKeys("batch", "MANAGER", List.of(key)));
        Map<String, ReviewItem> items = byGrant(recert.pendingOf(cast.manager(), campaign.id()));

        access.as(cast.officer2());
        assertThatThrownBy(() -> reviews.prepare(List.of(revoke(items.get(unused)))))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("not yours to review");

        ReviewService.Applied applied = recert.decide(cast.manager(), revoke(items.get(unused)),
                new ItemDecision(items.get(wide).id(), ItemDecision.Decision.REDUCE, Set.of(USE_ENCRYPT),
                        "Only encrypts; decrypt was never used."));

        assertThat(applied.revoked()).isEqualTo(1);
        assertThat(applied.reduced()).isEqualTo(1);
        access.as(cast.officer1());
        assertThat(grant(unused).status()).isEqualTo(GrantStatus.REVOKED);
        assertThat(grant(unused).endedBy()).isEqualTo(cast.manager());
        assertThat(grant(wide).permissions()).containsExactly(USE_ENCRYPT);
        Campaign.Progress progress = campaigns.get(campaign.id()).progress();
        assertThat(progress.decided()).isEqualTo(2);
        assertThat(progress.revoked()).isEqualTo(1);
        assertThat(progress.reduced()).isEqualTo(1);
        assertThat(progress.pending()).isZero();
        assertThat(entries("recertification.batch.applied")).anyMatch(e -> campaign.id().equals(e.get("TARGET_ID")));
        assertThat(entries("access.grant.reduced")).anyMatch(e -> wide.equals(e.get("TARGET_ID")));

        assertThatThrownBy(() -> recert.decide(cast.manager(), keep(items.get(unused), null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already decided");
    }

    @Test
    void aTamperedDocumentOrSignatureRefusesTheWholeBatchAndIsAudited() {
        Cast cast = access.cast();
        String key = access.activeKey(Sensitivity.HIGH, cast.owner(), cast.officer1());
        Instant now = clock.instant();
        String first = recert.grant(cast.requester(), key, Set.of(USE_ENCRYPT), now.minus(DAY), now.plus(DAY));
        String colleague = access.withPasskey(people.createReportingTo("colleague", cast.manager()));
        String second = recert.grant(colleague, key, Set.of(USE_ENCRYPT), now.minus(DAY), now.plus(DAY));
        Campaign campaign = recert.launch(cast.officer1(), overKeys("tamper", "MANAGER", List.of(key)));
        Map<String, ReviewItem> items = byGrant(recert.pendingOf(cast.manager(), campaign.id()));
        List<ItemDecision> decisions = List.of(keep(items.get(first), null), revoke(items.get(second)));

        access.as(cast.manager());
        PreparedDecision prepared = reviews.prepare(decisions);
        PasskeyAssertion assertion = access.passkey(cast.manager()).sign(prepared);
        jdbc.update("update recert_batch set document = replace(document, '\"REVOKE\"', '\"KEEP\"') where id = ?",
                prepared.nonce());
        assertThatThrownBy(() -> reviews.sign(prepared.nonce(), assertion)).isInstanceOf(BatchRefusedException.class)
                .hasMessageContaining("did not verify").hasMessageContaining("nothing was applied");

        PreparedDecision again = reviews.prepare(decisions);
        PasskeyAssertion signed = access.passkey(cast.manager()).sign(again);
        byte[] forged = signed.signature().clone();
        forged[forged.length - 1] ^= 1;
        assertThatThrownBy(() -> reviews.sign(again.nonce(), new PasskeyAssertion(signed.credentialId(),
                signed.authenticatorData(), signed.clientDataJson(), forged))).isInstanceOf(BatchRefusedException.class);

        access.as(cast.officer1());
        assertThat(grant(second).status()).isEqualTo(GrantStatus.ACTIVE);
        assertThat(campaigns.get(campaign.id()).progress().pending()).isEqualTo(2);
        assertThat(entries("recertification.batch.refused").stream()
                .filter(e -> campaign.id().equals(e.get("TARGET_ID")))).hasSize(2)
                .allMatch(e -> "DENIED".equals(e.get("OUTCOME")));
        assertThatThrownBy(() -> {
            access.as(cast.manager());
            reviews.sign(again.nonce(), signed);
        }).hasMessageContaining("No batch of yours is waiting");
    }

    @Test
    void atTheDeadlineEachSensitivityGetsItsNoResponseRuleAndALateDecisionStillApplies() {
        Cast cast = access.cast();
        String high = access.activeKey(Sensitivity.HIGH, cast.owner(), cast.officer1());
        String low = access.activeKey(Sensitivity.LOW, cast.owner(), cast.officer1());
        Instant now = clock.instant();
        String highGrant = recert.grant(cast.requester(), high, Set.of(USE_ENCRYPT), now.minus(DAY), now.plus(DAY.multipliedBy(30)));
        String lowGrant = recert.grant(cast.requester(), low, Set.of(USE_ENCRYPT), now.minus(DAY), now.plus(DAY.multipliedBy(30)));
        Campaign campaign = recert.launch(cast.officer1(), overKeys("deadline", "MANAGER", List.of(high, low)));

        clock.set(campaign.deadlineAt().plusSeconds(1));
        workflows.fireTimersDueBy(campaign.id(), clock.instant());

        access.as(cast.officer1());
        Campaign closed = campaigns.get(campaign.id());
        assertThat(closed.status()).isEqualTo(CampaignStatus.CLOSED);
        assertThat(closed.progress().noResponse()).isEqualTo(2);
        assertThat(closed.progress().revoked()).isEqualTo(1);
        assertThat(closed.progress().kept()).isEqualTo(1);
        assertThat(grant(highGrant).status()).isEqualTo(GrantStatus.REVOKED);
        assertThat(grant(lowGrant).status()).isEqualTo(GrantStatus.ACTIVE);
        Map<String, ReviewItem> settled = byGrant(campaigns.items(campaign.id(), 0, 100));
        assertThat(settled.get(lowGrant).flags()).contains(ReviewFlag.NO_RESPONSE);
        assertThat(workflows.timers(campaign.id())).isEmpty();

        List<ReviewItem> late = recert.pendingOf(cast.manager(), campaign.id());
        assertThat(late).isEmpty();
        access.as(cast.manager());
        List<ReviewItem> mine = reviews.mine(new ReviewService.Filter(campaign.id(), null, null, null, false), 0, 10);
        assertThatThrownBy(() -> recert.decide(cast.manager(), keep(byGrant(mine).get(highGrant), "still needed")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("asks for access again");
        ReviewService.Applied applied = recert.decide(cast.manager(), revoke(byGrant(mine).get(lowGrant)));

        assertThat(applied.late()).isEqualTo(1);
        access.as(cast.officer1());
        assertThat(grant(lowGrant).status()).isEqualTo(GrantStatus.REVOKED);
        assertThat(byGrant(campaigns.items(campaign.id(), 0, 100)).get(lowGrant).late()).isTrue();
    }

    @Test
    void remindersRepeatEscalationReachesTheOfficersAndAReviewerWhoLeftIsReplacedByTheirManager() {
        Cast cast = access.cast();
        String director = people.create("director");
        String manager = people.createReportingTo("manager", director);
        String employee = people.createReportingTo("employee", manager);
        String key = access.activeKey(Sensitivity.MEDIUM, cast.owner(), cast.officer1());
        Instant now = clock.instant();
        String grant = recert.grant(employee, key, Set.of(USE_ENCRYPT), now.minus(DAY), now.plus(DAY.multipliedBy(60)));
        CampaignDefinition definition = new CampaignDefinition("reminders", new CampaignDefinition.Scope(null, null,
                List.of(key), null, null, null), "MANAGER", 20, null, false, null);
        Campaign campaign = recert.launch(cast.officer1(), definition);
        assertThat(byGrant(recert.pendingOf(manager, campaign.id())).get(grant).reviewer()).isEqualTo(manager);

        recert.status(manager, "LEFT");
        clock.set(now.plus(DAY.multipliedBy(7)).plusSeconds(1));
        workflows.fireTimersDueBy(campaign.id(), clock.instant());

        ReviewItem moved = byGrant(recert.pendingOf(director, campaign.id())).get(grant);
        assertThat(moved.reviewer()).isEqualTo(director);
        assertThat(moved.routedReason()).contains(manager + " may no longer review");
        assertThat(entries("recertification.reviewers.reminded").stream()
                .filter(e -> campaign.id().equals(e.get("TARGET_ID")))).hasSize(1);

        clock.set(campaign.escalateAt().plusSeconds(1));
        workflows.fireTimersDueBy(campaign.id(), clock.instant());
        assertThat(entries("recertification.reviews.escalated").stream()
                .filter(e -> campaign.id().equals(e.get("TARGET_ID")))).hasSize(1)
                .allMatch(e -> String.valueOf(e.get("DETAILS")).contains(director));
        long reminders = entries("recertification.reviewers.reminded").stream()
                .filter(e -> campaign.id().equals(e.get("TARGET_ID"))).count();
        assertThat(reminders).isGreaterThanOrEqualTo(2);
        access.as(cast.officer1());
        assertThat(campaigns.get(campaign.id()).progress().overdue()).isEqualTo(1);
    }

    @Test
    void aReviewerWhoLeftOrAuditsIsReplacedByTheirManagerAndNobodyReviewsTheirOwnGrant() {
        Cast cast = access.cast();
        String director = people.create("director");
        String manager = people.createReportingTo("manager", director);
        String employee = people.createReportingTo("employee", manager);
        recert.status(manager, "LEFT");
        String key = access.activeKey(Sensitivity.HIGH, cast.owner(), cast.officer1());
        Instant now = clock.instant();
        String employeeGrant = recert.grant(employee, key, Set.of(USE_ENCRYPT), now.minus(DAY), now.plus(DAY));
        String ownersGrant = recert.grant(cast.owner(), key, Set.of(USE_ENCRYPT), now.minus(DAY), now.plus(DAY));
        String head = people.create("head");
        String auditingManager = people.createReportingTo("auditor", head, Roles.AUDITOR);
        String audited = people.createReportingTo("employee", auditingManager);
        String auditedGrant = recert.grant(audited, key, Set.of(USE_ENCRYPT), now.minus(DAY), now.plus(DAY));

        Campaign campaign = recert.launch(cast.officer1(), overKeys("routing", "KEY_OWNER", List.of(key)));
        Campaign managers = recert.launch(cast.officer1(), overKeys("routing", "MANAGER", List.of(key)));

        access.as(cast.officer1());
        Map<String, ReviewItem> byOwner = byGrant(campaigns.items(campaign.id(), 0, 100));
        Map<String, ReviewItem> byManager = byGrant(campaigns.items(managers.id(), 0, 100));
        assertThat(byOwner.get(employeeGrant).reviewer()).isEqualTo(cast.owner());
        assertThat(byOwner.get(ownersGrant).reviewer()).isNull();
        assertThat(byOwner.get(ownersGrant).reviewerKind()).isEqualTo(ReviewerKind.OFFICERS);
        assertThat(byOwner.get(ownersGrant).routedReason()).contains("would review their own grant");
        assertThat(recert.pendingOf(cast.owner(), campaign.id())).extracting(ReviewItem::grantId).containsExactlyInAnyOrder(employeeGrant, auditedGrant);
        assertThat(recert.pendingOf(cast.officer2(), campaign.id())).extracting(ReviewItem::grantId).containsExactly(ownersGrant);
        assertThat(byManager.get(employeeGrant).reviewer()).isEqualTo(director);
        assertThat(byManager.get(employeeGrant).routedReason()).contains(manager + " is not active");
        assertThat(byManager.get(auditedGrant).reviewer()).isEqualTo(head);
        assertThat(byManager.get(auditedGrant).routedReason()).contains(auditingManager + " is an auditor");

        recert.decide(cast.officer2(), revoke(byOwner.get(ownersGrant)));
        access.as(cast.officer1());
        assertThat(grant(ownersGrant).status()).isEqualTo(GrantStatus.REVOKED);
    }

    @Test
    void aReviewerHandsItemsToSomebodyBetterPlacedButNotToTheHolder() {
        Cast cast = access.cast();
        String key = access.activeKey(Sensitivity.MEDIUM, cast.owner(), cast.officer1());
        Instant now = clock.instant();
        String grant = recert.grant(cast.requester(), key, Set.of(USE_ENCRYPT), now.minus(DAY), now.plus(DAY));
        Campaign campaign = recert.launch(cast.officer1(), overKeys("hand over", "MANAGER", List.of(key)));
        ReviewItem item = byGrant(recert.pendingOf(cast.manager(), campaign.id())).get(grant);

        access.as(cast.manager());
        assertThatThrownBy(() -> reviews.reassign(List.of(item.id()), cast.requester(), "knows best"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot review it");
        assertThat(reviews.reassign(List.of(item.id()), cast.owner(), "She runs the settlement team now.")).isEqualTo(1);

        assertThat(recert.pendingOf(cast.manager(), campaign.id())).isEmpty();
        ReviewItem moved = byGrant(recert.pendingOf(cast.owner(), campaign.id())).get(grant);
        assertThat(moved.routedReason()).isEqualTo("Handed over by " + cast.manager() + ": She runs the settlement team now.");
        assertThat(entries("recertification.items.reassigned")).anyMatch(e -> campaign.id().equals(e.get("TARGET_ID"))
                && String.valueOf(e.get("DETAILS")).contains(cast.owner()));
    }

    @Test
    void twoStagesTheManagerKeepsThenTheKeyOwnerDecides() {
        Cast cast = access.cast();
        String key = access.activeKey(Sensitivity.HIGH, cast.owner(), cast.officer1());
        Instant now = clock.instant();
        String grant = recert.grant(cast.requester(), key, Set.of(USE_ENCRYPT, USE_DECRYPT), now.minus(DAY), now.plus(DAY));
        Campaign campaign = recert.launch(cast.officer1(), overKeys("two stages", "MANAGER_THEN_OWNER", List.of(key)));
        ReviewItem first = byGrant(recert.pendingOf(cast.manager(), campaign.id())).get(grant);
        assertThat(first.stage()).isEqualTo(1);
        assertThat(recert.pendingOf(cast.owner(), campaign.id())).isEmpty();

        recert.decide(cast.manager(), new ItemDecision(first.id(), ItemDecision.Decision.REDUCE, Set.of(USE_DECRYPT),
                "Only decrypts archives now."));

        ReviewItem second = byGrant(recert.pendingOf(cast.owner(), campaign.id())).get(grant);
        assertThat(second.stage()).isEqualTo(2);
        assertThat(second.reviewerKind()).isEqualTo(ReviewerKind.KEY_OWNER);
        assertThat(second.permissions()).containsExactly(USE_DECRYPT);
        access.as(cast.officer1());
        assertThat(campaigns.get(campaign.id()).progress().pending()).isEqualTo(1);
        assertThat(campaigns.get(campaign.id()).progress().items()).isEqualTo(1);

        recert.decide(cast.owner(), revoke(second));
        access.as(cast.officer1());
        assertThat(grant(grant).status()).isEqualTo(GrantStatus.REVOKED);
        Campaign.Progress progress = campaigns.get(campaign.id()).progress();
        assertThat(progress.items()).isEqualTo(1);
        assertThat(progress.revoked()).isEqualTo(1);
        assertThat(progress.pending()).isZero();
    }

    @Test
    void deltaModeReviewsOnlyWhatIsNewOrChangedSinceTheLastSignOffAndWhatIsNowUnused() {
        Cast cast = access.cast();
        String key = access.activeKey(Sensitivity.HIGH, cast.owner(), cast.officer1());
        Instant now = clock.instant();
        String steady = recert.grant(cast.requester(), key, Set.of(USE_ENCRYPT), now.minus(DAY), now.plus(DAY.multipliedBy(60)));
        recert.used(steady, key, cast.requester(), "ENCRYPT", now.minus(Duration.ofHours(1)));
        Campaign first = recert.launch(cast.officer1(), overKeys("round 1", "MANAGER", List.of(key)));
        recert.decide(cast.manager(), keep(byGrant(recert.pendingOf(cast.manager(), first.id())).get(steady),
                "Longer than policy allows, but the batch runs until the migration ends."));
        String colleague = people.createReportingTo("colleague", cast.manager());
        String fresh = recert.grant(colleague, key, Set.of(USE_ENCRYPT), now, now.plus(DAY.multipliedBy(60)));

        Campaign delta = recert.launch(cast.officer1(), new CampaignDefinition("round 2", new CampaignDefinition.Scope(
                null, null, List.of(key), null, null, null), "MANAGER", 5, null, true, null));

        access.as(cast.officer1());
        assertThat(campaigns.items(delta.id(), 0, 100)).extracting(ReviewItem::grantId).containsExactly(fresh);
        assertThat(campaigns.get(delta.id()).definition().deltaOnly()).isTrue();
    }

    @Test
    void aRecurringCampaignLaunchesItsNextRoundByTimerAndAnOfficerCanCloseEarly() {
        Cast cast = access.cast();
        String key = access.activeKey(Sensitivity.HIGH, cast.owner(), cast.officer1());
        Instant now = clock.instant();
        String grant = recert.grant(cast.requester(), key, Set.of(USE_ENCRYPT), now.minus(DAY), now.plus(DAY.multipliedBy(400)));
        Campaign campaign = recert.launch(cast.officer1(), new CampaignDefinition("quarterly", new CampaignDefinition.Scope(
                null, null, List.of(key), null, null, null), "MANAGER", 5, Map.of("HIGH", "KEEP"), false, "P3M"));
        assertThat(campaign.nextRoundAt()).isNotNull();

        access.as(cast.officer1());
        Campaign closed = campaigns.close(campaign.id());
        assertThat(closed.status()).isEqualTo(CampaignStatus.CLOSED);
        assertThat(closed.closedBy()).isEqualTo(cast.officer1());
        assertThat(closed.progress().kept()).isEqualTo(1);
        assertThat(grant(grant).status()).isEqualTo(GrantStatus.ACTIVE);
        assertThatThrownBy(() -> campaigns.close(campaign.id())).isInstanceOf(ConflictException.class);

        clock.set(campaign.nextRoundAt().plusSeconds(1));
        workflows.fireTimersDueBy(campaign.id(), clock.instant());
        String next = jdbc.queryForObject("select id from recert_campaign where previous_id = ?", String.class, campaign.id());
        workflows.runJobsOf(next);
        access.as(cast.officer1());
        Campaign round2 = campaigns.get(next);
        assertThat(round2.status()).isEqualTo(CampaignStatus.OPEN);
        assertThat(round2.name()).isEqualTo("quarterly");
        assertThat(round2.progress().items()).isEqualTo(1);
        assertThat(round2.nextRoundAt()).isAfter(campaign.nextRoundAt());
        assertThat(campaigns.get(campaign.id()).nextRoundAt()).isNull();
    }

    private List<Map<String, Object>> entries(String action) {
        audit.sealAll();
        return audit.entries(action);
    }

    private Grant grant(String id) {
        return jdbc.query("select * from access_grant where id = ?", (rs, i) -> new Grant(rs.getString("id"),
                rs.getString("principal"), rs.getString("key_alias"), permissions(rs.getString("permissions")),
                rs.getTimestamp("valid_from").toInstant(), rs.getTimestamp("valid_until").toInstant(),
                rs.getString("origin_request"), GrantStatus.valueOf(rs.getString("status")), null,
                rs.getString("ended_by"), null), id).get(0);
    }

    private static Set<dev.keyward.access.Permission> permissions(String joined) {
        return java.util.Arrays.stream(joined.split(",")).map(dev.keyward.access.Permission::valueOf)
                .collect(java.util.stream.Collectors.toSet());
    }

    private static Map<String, ReviewItem> byGrant(List<ReviewItem> items) {
        return items.stream().sorted(Comparator.comparingLong(ReviewItem::id))
                .collect(java.util.stream.Collectors.toMap(ReviewItem::grantId, i -> i, (a, b) -> b));
    }
}
