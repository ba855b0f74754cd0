package dev.keyward.keys;

import static dev.keyward.crypto.CryptoApi.b64;
import static dev.keyward.crypto.CryptoApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.crypto.CryptoApi;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import dev.keyward.support.Workflows;
import dev.keyward.support.browser.Browser;
import dev.keyward.support.browser.Pages;
import dev.keyward.support.browser.Pages.ApprovalsPage;
import dev.keyward.support.browser.Pages.KeysPage;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Destruction in Chromium, each person in their own browser with their own virtual authenticator, in the demo's three
 * security officers: dave asks to destroy bob's key (a waiting period below the HIGH minimum is refused at its
 * field), grace and ivy, the two other officers, approve with their passkeys; after the wait (moved clock) the key is
 * DESTROYED, its page says so, and the crypto API answers 410.
 */
class KeyDestructionBrowserTest extends IntegrationTest {

    @Autowired
    KeyService keys;
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
        testPeople.forgetPasskeys("dave", "grace", "ivy");
    }

    @Test
    void daveAsksTheOtherTwoOfficersApproveAndAfterTheWaitTheKeyIsGone() throws Exception {
        String alias = "ledger-archive-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        testPeople.signIn("dave");
        keys.create(new NewKey(alias, "AES_256", KeyPurpose.ENCRYPT, Sensitivity.HIGH, "bob",
                "Encrypted the 2019 ledger archive, re-encrypted under ledger-dek since."));
        keys.transition(alias, KeyState.ACTIVE, "in use until the archive moved");
        SecurityContextHolder.clearContext();

        try (Browser dave = signedIn("dave")) {
            var page = KeysPage.open(dave);
            page.search(alias);
            page.openDetail(alias);
            assertThat(page.requestDestructionRefused("The archive was re-encrypted.", 7))
                    .isEqualTo("A HIGH key waits 30 to 90 days before it is destroyed; 7 is outside.");
            page.requestDestruction("The 2019 archive was re-encrypted under ledger-dek; nothing reads this key.", 30);
            assertThat(page.destructionText()).contains("Waiting for two security officers", "dave");
            dave.screenshot("key-destruction-requested");
            String destructionId = jdbc.queryForObject("select id from keys_destruction where key_alias = ?", String.class, alias);

            for (String approver : List.of("grace", "ivy")) {
                try (Browser browser = signedIn(approver)) {
                    var inbox = ApprovalsPage.open(browser);
                    assertThat(inbox.destructionCardText(alias, "dave")).contains("asks to destroy " + alias, "HIGH",
                            "v1 (", "after 30 days");
                    if (approver.equals("grace")) {
                        browser.screenshot("approvals-destruction");
                    }
                    inbox.approveDestruction(alias, "dave");
                }
            }

            page = KeysPage.open(dave);
            page.search(alias);
            page.openDetail(alias);
            assertThat(page.destructionText()).contains("Will be destroyed on", "Cancel destruction", "grace ✓", "ivy ✓");
            dave.screenshot("key-destruction-scheduled");

            Instant destroyAt = jdbc.queryForObject("select destroy_at from keys_destruction where id = ?",
                    java.sql.Timestamp.class, destructionId).toInstant();
            clock.set(destroyAt.plusSeconds(1));
            workflows.fireTimersDueBy(destructionId, clock.instant());
            clock.reset();

            page = KeysPage.open(dave);
            page.search(alias);
            page.openDetail(alias);
            assertThat(page.destructionText()).contains("Destroyed on", "Every version's key material is gone");
            assertThat(page.offers("request-destruction")).isFalse();
            dave.screenshot("key-destroyed");
        }
        new CryptoApi(mvc, DemoTokens.bearer("kwt_test_payments_app")).call(alias, "encrypt", json("plaintext", b64("x")))
                .andExpect(status().isGone())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("'" + alias + "' was destroyed")));
    }

    private static Browser signedIn(String username) {
        return Pages.signedInEnrolling(baseUrl(), username, "keyward-demo");
    }
}
