package dev.keyward.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keyward.access.AccessFixture;
import dev.keyward.approvals.PreparedDecision;
import dev.keyward.approvals.SignedDocuments;
import dev.keyward.identity.PasskeyAssertion;
import dev.keyward.keys.Sensitivity;
import dev.keyward.recertification.CampaignDefinition;
import dev.keyward.recertification.CampaignStatus;
import dev.keyward.recertification.ItemDecision;
import dev.keyward.recertification.ReviewItem;
import dev.keyward.recertification.ReviewService;
import dev.keyward.recertification.internal.CampaignRules;
import dev.keyward.recertification.internal.CampaignStore;
import dev.keyward.recertification.internal.CampaignStore.CampaignRow;
import dev.keyward.recertification.internal.RecertificationWorkflow;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * {@code mvn -B -q verify -Pbench -Dbench=campaign}, on PostgreSQL: a campaign over {@link #GRANTS} grants held by
 * {@link #PEOPLE} people on {@link #KEYS} keys (20 managers of 500 people each, every person 10 grants, 60% of them
 * used, some long ago).
 * <ol>
 *   <li>launch (scope snapshot with usage, recommendations, flags, delta marks and routing, written as item rows) as a
 *   ratio of a plain {@code INSERT ... SELECT} of the same rows (each grant joined with its key) into the same items
 *   table, in the same run: one warm-up of each, then {@link #ROUNDS} alternating rounds (target: within 5x); the
 *   same statement into a copy of the table without indexes and constraints is reported beside it;</li>
 *   <li>the first page of a manager's 5,000-item review grid (items and count, as the view asks), p50/p99 over
 *   {@link #GRID_SECONDS} s after a warm-up;</li>
 *   <li>one signed batch of 1,000 decisions (500 revoke, 500 keep with a comment): prepare, then sign (verify and
 *   apply), in seconds;</li>
 *   <li>every revoked grant's holder then calls the crypto API: all refused (403), while the kept ones still encrypt.</li>
 * </ol>
 */
class CampaignBenchmark extends IntegrationTest {

    static final int KEYS = Integer.getInteger("bench.campaign.keys", 1_000);
    static final int PEOPLE = Integer.getInteger("bench.campaign.people", 10_000);
    static final int MANAGERS = 20;
    static final int GRANTS_EACH = 10;
    static final int GRANTS = PEOPLE * GRANTS_EACH;
    static final int ROUNDS = 3;
    static final int GRID_SECONDS = Integer.getInteger("bench.campaign.grid-seconds", 10);
    static final int BATCH = 1_000;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AccessFixture access;
    @Autowired
    TestPeople people;
    @Autowired
    CampaignStore store;
    @Autowired
    CampaignRules rules;
    @Autowired
    RecertificationWorkflow workflow;
    @Autowired
    ReviewService reviews;

    private final HttpClient http = HttpClient.newHttpClient();
    /** API tokens of the holders who call the crypto API at the end, by username. */
    private final Map<String, String> tokens = new HashMap<>();
    private final String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);

    @Test
    void campaign() throws Exception {
        assumeTrue(Benchmarks.selected("campaign"));
        var cast = access.cast();
        String owner = people.create("bench-owner");
        List<String> keys = new ArrayList<>();
        long keysStart = System.nanoTime();
        for (int i = 0; i < KEYS; i++) {
            keys.add(access.activeKey(Sensitivity.values()[i % 4], owner, cast.officer1()));
        }
        System.out.printf("setup: %d keys in %.1f s%n", KEYS, (System.nanoTime() - keysStart) / 1e9);
        seedPeopleAndGrants(keys);
        String manager = "bench-" + run + "-m0";
        access.withPasskey(manager);

        CampaignDefinition definition = rules.normalise(new CampaignDefinition("bench " + run,
                new CampaignDefinition.Scope(null, null, null, List.of(owner), null, null), "MANAGER", 10, null, false, null));
        jdbc.execute("create table bench_bare as select * from recert_item where 1 = 0");
        baseline(owner);
        bare(owner);
        launch(definition);
        List<Double> baseline = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        List<Double> launches = new ArrayList<>();
        String campaignId = null;
        for (int round = 0; round < ROUNDS; round++) {
            baseline.add(baseline(owner));
            bare.add(bare(owner));
            long start = System.nanoTime();
            campaignId = launch(definition);
            launches.add((System.nanoTime() - start) / 1e9);
        }
        Collections.sort(baseline);
        Collections.sort(bare);
        Collections.sort(launches);
        long items = jdbc.queryForObject("select count(*) from recert_item where campaign_id = ?", Long.class, campaignId);
        assertThat(items).isEqualTo(GRANTS);
        double ratio = launches.get(ROUNDS / 2) / baseline.get(ROUNDS / 2);
        Benchmarks.print("campaign.launch", "items", items, "launch_s", String.format("%.2f", launches.get(ROUNDS / 2)),
                "insert_select_s", String.format("%.3f", baseline.get(ROUNDS / 2)), "ratio", String.format("%.1f", ratio),
                "target", "5", "met", ratio <= 5, "bare_insert_select_s", String.format("%.3f", bare.get(ROUNDS / 2)),
                "bare_ratio", String.format("%.1f", launches.get(ROUNDS / 2) / bare.get(ROUNDS / 2)));

        grid(manager, campaignId);
        batch(manager, campaignId);
    }

    /** 10,000 people under 20 managers, each with 10 grants on the keys, 60% used (some long ago). */
    private void seedPeopleAndGrants(List<String> keys) {
        long start = System.nanoTime();
        String prefix = "bench-" + run + "-";
        jdbc.update("insert into identity_person (username, display_name, email, status, created_at) "
                + "select ? || 'm' || g, 'Manager ' || g, ? || 'm' || g || '@bench.example', 'ACTIVE', now() "
                + "from generate_series(0, ?) g", prefix, prefix, MANAGERS - 1);
        jdbc.update("insert into identity_person (username, display_name, email, status, created_at, manager_id) "
                + "select ? || 'p' || g, 'Person ' || g, ? || 'p' || g || '@bench.example', 'ACTIVE', now(), "
                + "(select id from identity_person where username = ? || 'm' || (g % ?)) from generate_series(0, ?) g",
                prefix, prefix, prefix, MANAGERS, PEOPLE - 1);
        jdbc.update("insert into identity_person_role (person_id, role) select id, 'EMPLOYEE' from identity_person "
                + "where username like ?", prefix + "%");
        jdbc.execute("create temporary table bench_keys (n integer, alias varchar(64))");
        for (int i = 0; i < keys.size(); i++) {
            jdbc.update("insert into bench_keys values (?, ?)", i, keys.get(i));
        }
        jdbc.update("create temporary table bench_grants as select g, ? || 'p' || (g / ?) principal, "
                + "(select alias from bench_keys where n = (g * 7 + g / ?) % ?) key_alias, "
                + "cast(gen_random_uuid() as varchar) grant_id, cast(gen_random_uuid() as varchar) request_id "
                + "from generate_series(0, ?) g", prefix, GRANTS_EACH, GRANTS_EACH, keys.size(), GRANTS - 1);
        jdbc.update("insert into access_request (id, requester, beneficiary, key_alias, permissions, justification, "
                + "duration_days, status, created_at, closed_at, grant_id) select request_id, principal, principal, key_alias, "
                + "'USE_DECRYPT,USE_ENCRYPT', 'benchmark grant', 30, 'GRANTED', now() - interval '60 days', "
                + "now() - interval '60 days', grant_id from bench_grants");
        jdbc.update("insert into access_grant (id, principal, key_alias, permissions, valid_from, valid_until, "
                + "origin_request, status) select grant_id, principal, key_alias, 'USE_DECRYPT,USE_ENCRYPT', "
                + "now() - (g % 60) * interval '1 day', now() + interval '20 days', request_id, 'ACTIVE' from bench_grants");
        jdbc.update("insert into crypto_usage (grant_id, operation, key_alias, principal, uses, last_used_at, last_client) "
                + "select grant_id, 'ENCRYPT', key_alias, principal, 1 + g % 100, now() - (g % 50) * interval '1 day', "
                + "'10.1.' || (g % 250) || '.7' from bench_grants where g % 10 < 6");
        jdbc.execute("analyze");
        System.out.printf("setup: %d people, %d grants in %.1f s%n", PEOPLE + MANAGERS, GRANTS,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * The same rows written by one plain statement into the same table (its indexes and constraints): each active
     * grant of the scope joined with its key, under a campaign of its own whose rows are deleted before each round.
     */
    private double baseline(String owner) {
        String campaign = "baseline-" + run;
        if (store.find(campaign).isEmpty()) {
            Instant now = clock.instant();
            store.insert(new CampaignRow(campaign, "baseline", "{}", CampaignStatus.CLOSED, "bench", now, now, now, null,
                    null, null, null));
        }
        jdbc.update("delete from recert_item where campaign_id = ?", campaign);
        long start = System.nanoTime();
        int rows = jdbc.update("insert into recert_item (campaign_id, grant_id, principal, service_account, key_alias, "
                + "sensitivity, key_owner, permissions, valid_from, valid_until, stage, reviewer_kind, reviewer, "
                + "recommendation, reason, flags, delta, status, no_response, late) "
                + "select ?, g.id, g.principal, false, g.key_alias, k.sensitivity, k.owner_username, g.permissions, "
                + "g.valid_from, g.valid_until, 1, 'MANAGER', null, 'KEEP', 'baseline', '', true, 'PENDING', false, false "
                + "from access_grant g join keys_managed_key k on k.alias = g.key_alias "
                + "where g.status = 'ACTIVE' and k.owner_username = ?", campaign, owner);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(rows).isEqualTo(GRANTS);
        return seconds;
    }

    /** For comparison, the same statement into a copy of the table without its indexes and constraints. */
    private double bare(String owner) {
        jdbc.execute("truncate table bench_bare");
        long start = System.nanoTime();
        int rows = jdbc.update("insert into bench_bare (id, campaign_id, grant_id, principal, service_account, key_alias, "
                + "sensitivity, key_owner, permissions, valid_from, valid_until, stage, reviewer_kind, reviewer, "
                + "recommendation, reason, flags, delta, status, no_response, late) "
                + "select row_number() over (), 'bare', g.id, g.principal, false, g.key_alias, k.sensitivity, k.owner_username, "
                + "g.permissions, g.valid_from, g.valid_until, 1, 'MANAGER', null, 'KEEP', 'baseline', '', true, 'PENDING', "
                + "false, false from access_grant g join keys_managed_key k on k.alias = g.key_alias "
                + "where g.status = 'ACTIVE' and k.owner_username = ?", owner);
        assertThat(rows).isEqualTo(GRANTS);
        return (System.nanoTime() - start) / 1e9;
    }

    /** A campaign row in LAUNCHING, then the launch step the process runs, timed by the caller. */
    private String launch(CampaignDefinition definition) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        store.insert(new CampaignRow(id, definition.name(), SignedDocuments.canonical(definition),
                CampaignStatus.LAUNCHING, "bench", now, now.plus(Duration.ofDays(10)), now.plus(Duration.ofDays(14)),
                null, null, null, null));
        workflow.launch(id);
        return id;
    }

    private void grid(String manager, String campaignId) {
        access.as(manager);
        var filter = new ReviewService.Filter(campaignId, null, null, null, true);
        assertThat(reviews.countMine(filter)).isEqualTo(PEOPLE / MANAGERS * GRANTS_EACH);
        long warm = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warm) {
            reviews.mine(filter, 0, 50);
            reviews.countMine(filter);
        }
        List<Long> nanos = new ArrayList<>();
        long end = System.nanoTime() + GRID_SECONDS * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            List<ReviewItem> page = reviews.mine(filter, 0, 50);
            long count = reviews.countMine(filter);
            nanos.add(System.nanoTime() - start);
            assertThat(page).hasSize(50);
            assertThat(count).isEqualTo(5_000);
        }
        SecurityContextHolder.clearContext();
        Collections.sort(nanos);
        Benchmarks.print("campaign.grid_first_page", "items", 5_000, "requests", nanos.size(),
                "p50_ms", String.format("%.1f", nanos.get(nanos.size() / 2) / 1e6),
                "p99_ms", String.format("%.1f", nanos.get((int) (nanos.size() * 0.99)) / 1e6));
    }

    private void batch(String manager, String campaignId) throws Exception {
        access.as(manager);
        List<ReviewItem> mine = reviews.mine(new ReviewService.Filter(campaignId, null, null, null, true), 0, BATCH);
        assertThat(mine).hasSize(BATCH);
        List<ItemDecision> decisions = new ArrayList<>();
        List<ReviewItem> revoked = new ArrayList<>();
        List<ReviewItem> kept = new ArrayList<>();
        for (int i = 0; i < mine.size(); i++) {
            ReviewItem item = mine.get(i);
            if (i % 2 == 0) {
                decisions.add(new ItemDecision(item.id(), ItemDecision.Decision.REVOKE, null, null));
                revoked.add(item);
            } else {
                decisions.add(new ItemDecision(item.id(), ItemDecision.Decision.KEEP, null, "Still runs the nightly batch."));
                kept.add(item);
            }
        }
        long start = System.nanoTime();
        PreparedDecision prepared = reviews.prepare(decisions);
        double prepare = (System.nanoTime() - start) / 1e9;
        PasskeyAssertion assertion = access.passkey(manager).sign(prepared);
        start = System.nanoTime();
        ReviewService.Applied applied = reviews.sign(prepared.nonce(), assertion);
        double apply = (System.nanoTime() - start) / 1e9;
        SecurityContextHolder.clearContext();
        assertThat(applied.revoked()).isEqualTo(BATCH / 2);
        assertThat(applied.kept()).isEqualTo(BATCH / 2);
        Benchmarks.print("campaign.signed_batch", "decisions", BATCH, "document_kib", prepared.document().length() / 1024,
                "prepare_s", String.format("%.2f", prepare), "sign_and_apply_s", String.format("%.2f", apply));

        // No wait: each revocation empties the crypto API's grant cache when its transaction commits.
        int refused = 0;
        for (ReviewItem item : revoked) {
            refused += encrypt(item) == 403 ? 1 : 0;
        }
        int stillServed = 0;
        for (ReviewItem item : kept.subList(0, 50)) {
            stillServed += encrypt(item) == 200 ? 1 : 0;
        }
        Benchmarks.print("campaign.revoked_refused", "revoked", revoked.size(), "refused", refused,
                "kept_sampled", 50, "kept_served", stillServed);
        assertThat(refused).isEqualTo(revoked.size());
        assertThat(stillServed).isEqualTo(50);
    }

    private int encrypt(ReviewItem item) throws Exception {
        String token = tokens.computeIfAbsent(item.principal(), people::issueToken);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT
                        + "/api/v1/keys/" + item.key() + "/encrypt"))
                .header("Authorization", DemoTokens.bearer(token)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"plaintext\":\"aGVsbG8=\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
