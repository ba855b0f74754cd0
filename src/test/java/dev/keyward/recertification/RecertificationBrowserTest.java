package dev.keyward.recertification;

import static dev.keyward.crypto.CryptoApi.b64;
import static dev.keyward.crypto.CryptoApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.access.Permission;
import dev.keyward.audit.AuditVerifier;
import dev.keyward.audit.EvidenceVerifier;
import dev.keyward.crypto.CryptoApi;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.KeyService;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.NewKey;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import dev.keyward.support.Workflows;
import dev.keyward.support.browser.Browser;
import dev.keyward.support.browser.Pages;
import dev.keyward.support.browser.Pages.CampaignsPage;
import dev.keyward.support.browser.Pages.MyReviewsPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Recertification in Chromium, each person in their own browser with their own virtual authenticator: dave launches
 * a campaign over HIGH keys; bob accepts the recommendation to revoke alice's unused grant and keeps the grant of an
 * application carol owns with a comment, signing both with one passkey assertion; alice's next crypto call is refused; dave sees the
 * progress; after the deadline (moved clock) erin downloads the sealed report, which verifies offline.
 */
class RecertificationBrowserTest extends IntegrationTest {

    @Autowired
    KeyService keys;
    @Autowired
    RecertificationFixture recert;
    @Autowired
    TestPeople testPeople;
    @Autowired
    Workflows workflows;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;

    @BeforeEach
    void noPasskeysYet() {
        testPeople.forgetPasskeys("bob", "dave", "erin");
    }

    @Test
    void daveLaunchesBobSignsOnceAliceIsRefusedAndErinVerifiesTheReport(@TempDir Path dir) throws Exception {
        String alias = "card-vault-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        testPeople.signIn("dave");
        keys.create(new NewKey(alias, "AES_256", KeyPurpose.ENCRYPT, Sensitivity.HIGH, "carol", "Card vault records."));
        keys.transition(alias, KeyState.ACTIVE, "in use");
        SecurityContextHolder.clearContext();
        Instant now = clock.instant();
        String alices = recert.grant("alice", alias, Set.of(Permission.USE_ENCRYPT), now.minus(Duration.ofDays(40)),
                now.plus(Duration.ofDays(10)));
        String app = recert.serviceAccount("carol");
        String apps = recert.grant(app, alias, Set.of(Permission.USE_ENCRYPT, Permission.USE_DECRYPT),
                now.minus(Duration.ofDays(5)), now.plus(Duration.ofDays(20)));
        recert.used(apps, alias, app, "ENCRYPT", now.minus(Duration.ofDays(1)));
        String name = "HIGH keys " + alias;

        try (Browser dave = signedIn("dave")) {
            var campaigns = CampaignsPage.open(dave);
            assertThat(campaigns.launchRefused("Too long", 61)).isEqualTo("A campaign runs for 1 to 60 business days, not 61.");
            campaigns.launch(name, "HIGH", alias);
            String id = jdbc.queryForObject("select id from recert_campaign where name = ?", String.class, name);
            workflows.runJobsOf(id);

            CryptoApi alice = new CryptoApi(mvc, DemoTokens.bearer(DemoTokens.EMPLOYEE));
            assertThat(alice.encrypt(alias, "still allowed during the review", null)).startsWith("kw:v1:");

            try (Browser bob = signedIn("bob")) {
                var reviews = MyReviewsPage.open(bob);
                int waiting = reviews.waitingCount();
                assertThat(waiting).as("bob's bell counts his two review items").isGreaterThanOrEqualTo(2);
                reviews.filterByKey(alias);
                assertThat(reviews.rowsText()).contains("alice", app + " (app of carol)", "never used in 40 days",
                        "Permissions never exercised");
                reviews.acceptRecommendations();
                assertThat(reviews.staged()).isEqualTo("1 staged (1 to revoke) · 1 flagged grant recommended to keep: "
                        + "decide one by one, with a comment");
                assertThat(reviews.keepWithoutComment()).contains("say why it should be kept");
                reviews.decideRemaining("Keep", "Settlement batch; decrypt is for the yearly restore test.");
                assertThat(reviews.staged()).isEqualTo("2 staged (1 to revoke)");
                bob.screenshot("my-reviews");
                bob.driver().manage().window().setSize(new Dimension(390, 844));
                bob.screenshot("my-reviews-phone");
                bob.driver().manage().window().setSize(new Dimension(1280, 900));
                reviews.sign();
                assertThat(reviews.error()).isEmpty();
                assertThat(MyReviewsPage.open(bob).waitingCount()).as("two fewer once signed").isEqualTo(waiting - 2);
                assertThat(jdbc.queryForObject("select count(distinct batch_id) from recert_item where campaign_id = ? "
                        + "and batch_id is not null", Integer.class, id)).isEqualTo(1);
            }

            alice.call(alias, "encrypt", json("plaintext", b64("after the review"))).andExpect(status().isForbidden());
            assertThat(jdbc.queryForObject("select status from access_grant where id = ?", String.class, alices))
                    .isEqualTo("REVOKED");
            assertThat(jdbc.queryForObject("select status from access_grant where id = ?", String.class, apps))
                    .isEqualTo("ACTIVE");

            campaigns = CampaignsPage.open(dave);
            assertThat(campaigns.open(name)).contains("Items: 2", "Decided: 2", "Kept: 1", "Revoked: 1", "Pending: 0", "bob");
            dave.screenshot("campaign-progress");

            Instant deadline = jdbc.queryForObject("select deadline_at from recert_campaign where id = ?",
                    java.sql.Timestamp.class, id).toInstant();
            clock.set(deadline.plusSeconds(1));
            workflows.fireTimersDueBy(id, clock.instant());
            clock.reset();

            try (Browser erin = signedIn("erin")) {
                var closed = CampaignsPage.open(erin);
                assertThat(closed.open(name)).contains("closed", "Download sealed report");
                erin.screenshot("campaign-report");
                Path zip = Files.write(dir.resolve("report.zip"), closed.downloadReport());
                String pem = mvc.perform(get("/api/v1/audit/public-key").header("Authorization",
                        DemoTokens.bearer(DemoTokens.AUDITOR))).andReturn().getResponse().getContentAsString();
                EvidenceVerifier.Result result = EvidenceVerifier.verify(zip,
                        AuditVerifier.readPublicKey(Files.writeString(dir.resolve("audit.pem"), pem)));
                assertThat(result.valid()).as(result.problem()).isTrue();
                assertThat(result.files()).hasSize(2);
            }
        }
    }

    private static Browser signedIn(String username) {
        return Pages.signedInEnrolling(baseUrl(), username, "keyward-demo");
    }
}
