package dev.keyward.recertification;

import dev.keyward.access.AccessFixture;
import dev.keyward.access.Permission;
import dev.keyward.approvals.PreparedDecision;
import dev.keyward.identity.PasskeyAssertion;
import dev.keyward.support.Workflows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Grants and usage as a campaign finds them, written straight into the access and crypto tables (with the validity
 * and last use a test needs, which the request process and a moved clock could give only slowly), and the moves of
 * officers and reviewers.
 */
@Component
public class RecertificationFixture {

    private final JdbcTemplate jdbc;
    private final AccessFixture access;
    private final CampaignService campaigns;
    private final ReviewService reviews;
    private final Workflows workflows;

    RecertificationFixture(JdbcTemplate jdbc, AccessFixture access, CampaignService campaigns, ReviewService reviews,
                           Workflows workflows) {
        this.jdbc = jdbc;
        this.access = access;
        this.campaigns = campaigns;
        this.reviews = reviews;
        this.workflows = workflows;
    }

    /** An ACTIVE grant of {@code permissions} on {@code key}, born from an approved request, valid from/until. */
    public String grant(String principal, String key, Set<Permission> permissions, Instant from, Instant until) {
        String request = UUID.randomUUID().toString();
        String grant = UUID.randomUUID().toString();
        String joined = permissions.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
        jdbc.update("insert into access_request (id, requester, beneficiary, key_alias, permissions, justification, "
                        + "duration_days, status, created_at, closed_at, grant_id) values (?, ?, ?, ?, ?, ?, 30, 'GRANTED', ?, ?, ?)",
                request, principal, principal, key, joined, AccessFixture.JUSTIFICATION, Timestamp.from(from),
                Timestamp.from(from), grant);
        jdbc.update("insert into access_grant (id, principal, key_alias, permissions, valid_from, valid_until, "
                + "origin_request, status) values (?, ?, ?, ?, ?, ?, ?, 'ACTIVE')", grant, principal, key, joined,
                Timestamp.from(from), Timestamp.from(until), request);
        return grant;
    }

    /** The meter saw {@code operation} on the grant, last at {@code at}. */
    public void used(String grantId, String key, String principal, String operation, Instant at) {
        jdbc.update("insert into crypto_usage (grant_id, operation, key_alias, principal, uses, last_used_at, last_client) "
                + "values (?, ?, ?, ?, 3, ?, '10.0.0.7')", grantId, operation, key, principal, Timestamp.from(at));
    }

    /** A service account owned by {@code owner}. */
    public String serviceAccount(String owner) {
        String name = "app-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("insert into identity_service_account (name, description, owner_id, status, created_at) "
                + "select ?, 'test application', id, 'ACTIVE', current_timestamp from identity_person where username = ?",
                name, owner);
        return name;
    }

    public void status(String username, String status) {
        jdbc.update("update identity_person set status = ? where username = ?", status, username);
    }

    /** {@code officer} launches the campaign; its scope is snapshotted. */
    public Campaign launch(String officer, CampaignDefinition definition) {
        access.as(officer);
        Campaign campaign = campaigns.launch(definition);
        workflows.runJobsOf(campaign.id());
        access.as(officer);
        Campaign launched = campaigns.get(campaign.id());
        SecurityContextHolder.clearContext();
        return launched;
    }

    public static CampaignDefinition overKeys(String name, String reviewers, List<String> keys) {
        return new CampaignDefinition(name, new CampaignDefinition.Scope(null, null, keys, null, null, null), reviewers,
                5, null, false, null);
    }

    /** {@code reviewer}'s pending items in the campaign. */
    public List<ReviewItem> pendingOf(String reviewer, String campaignId) {
        access.as(reviewer);
        List<ReviewItem> items = reviews.mine(new ReviewService.Filter(campaignId, null, null, null, true), 0, 500);
        SecurityContextHolder.clearContext();
        return items;
    }

    /** {@code reviewer} prepares the decisions and signs the batch with their passkey. */
    public ReviewService.Applied decide(String reviewer, ItemDecision... decisions) {
        access.as(reviewer);
        PreparedDecision prepared = reviews.prepare(List.of(decisions));
        PasskeyAssertion assertion = access.passkey(reviewer).sign(prepared);
        ReviewService.Applied applied = reviews.sign(prepared.nonce(), assertion);
        SecurityContextHolder.clearContext();
        return applied;
    }

    public static ItemDecision keep(ReviewItem item, String comment) {
        return new ItemDecision(item.id(), ItemDecision.Decision.KEEP, null, comment);
    }

    public static ItemDecision revoke(ReviewItem item) {
        return new ItemDecision(item.id(), ItemDecision.Decision.REVOKE, null, null);
    }
}
