package dev.keyward.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.crypto.CryptoApi;
import dev.keyward.crypto.internal.UsageMeter;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.NewKey;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.Workflows;
import dev.keyward.support.TestPeople;
import dev.keyward.support.browser.Browser;
import dev.keyward.support.browser.Pages;
import dev.keyward.support.browser.Pages.ApprovalsPage;
import dev.keyward.support.browser.Pages.KeyUsagePage;
import dev.keyward.support.browser.Pages.KeysPage;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Rotation in Chromium, each person in their own browser with their own virtual authenticator: carol asks to rotate
 * payments-dek, bob (her manager, in the owner's slot) and dave approve with their passkeys; payments-app's next
 * encryption uses the new version, what the old one encrypted still decrypts and rewraps to the new one.
 */
class KeyRotationBrowserTest extends IntegrationTest {

    static final String KEY = "payments-dek";

    @Autowired
    MockMvc mvc;
    @Autowired
    Workflows workflows;
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestPeople testPeople;
    @Autowired
    UsageMeter meter;
    @Autowired
    dev.keyward.keys.KeyService keyService;

    @BeforeEach
    void noPasskeysYet() {
        testPeople.forgetPasskeys("carol", "bob", "dave");
    }

    @Test
    void carolAsksBobAndDaveApproveAndPaymentsAppEncryptsWithTheNewVersion() throws Exception {
        workflows.runJobsOf(jdbc.queryForObject("select id from access_request where beneficiary = 'payments-app'",
                String.class)); // the demo's grant; the job executor provisions it in the running demo
        CryptoApi app = new CryptoApi(mvc, DemoTokens.bearer("kwt_test_payments_app"));
        int before = jdbc.queryForObject("select count(*) from keys_key_version v join keys_managed_key k on k.id = v.key_id "
                + "where k.alias = ?", Integer.class, KEY);
        String old = app.encrypt(KEY, "4111 1111 1111 1111", "card-7");
        assertThat(old).startsWith("kw:v" + before + ":");

        try (Browser carol = signedIn("carol")) {
            var keys = KeysPage.open(carol);
            keys.search(KEY);
            keys.openDetail(KEY);
            carol.screenshot("key-detail-rotation");
            keys.requestRotation("Yearly rotation; the card vault migrates to the new version this week.");
            String rotationId = jdbc.queryForObject("select id from keys_rotation where key_alias = ? "
                    + "and status = 'PENDING'", String.class, KEY);

            for (String approver : List.of("bob", "dave")) {
                try (Browser browser = signedIn(approver)) {
                    var inbox = ApprovalsPage.open(browser);
                    assertThat(inbox.rotationCardText(KEY, "carol")).contains("asks to rotate " + KEY, "HIGH",
                            "Current version " + before, "Yearly rotation");
                    if (approver.equals("dave")) {
                        browser.screenshot("approvals-rotation");
                    }
                    inbox.approveRotation(KEY, "carol");
                }
            }
            workflows.runJobsOf(rotationId);

            String fresh = app.encrypt(KEY, "4111 1111 1111 1111", "card-8");
            assertThat(fresh).startsWith("kw:v" + (before + 1) + ":");
            assertThat(app.decrypt(KEY, old, "card-7")).as("the old version still decrypts").isEqualTo("4111 1111 1111 1111");
            String rewrapped = app.rewrap(KEY, old, "card-7");
            assertThat(rewrapped).startsWith("kw:v" + (before + 1) + ":");
            assertThat(app.decrypt(KEY, rewrapped, "card-7")).isEqualTo("4111 1111 1111 1111");

            keys = KeysPage.open(carol);
            keys.search(KEY);
            keys.openDetail(KEY);
            assertThat(keys.rotationsText()).contains("Rotated", "v" + before, "v" + (before + 1), "bob ✓", "dave ✓");
            carol.screenshot("key-rotations");

            meter.flush();
            String census = KeyUsagePage.open(carol, KEY).censusText();
            assertThat(census).as("the old version is still used by the rewrap and the decrypt")
                    .contains("v" + (before + 1), "v" + before, "payments-app", "Current");
            carol.screenshot("key-census");

            keys = KeysPage.open(carol);
            keys.search(KEY);
            keys.openDetail(KEY);
            assertThat(keys.retireVersion(before, "The card vault rewraps to the new version this week.",
                    "The vault migration finishes tonight; nothing else reads the old version.", "key-retire-version"))
                    .as("the old version waits for its retirement's approvers").contains("Retirement asked", "Current");
            assertThat(jdbc.queryForObject("select override_reason from keys_retirement where key_alias = ? and status = "
                    + "'PENDING'", String.class, KEY)).as("the census showed use: the override went with it")
                    .startsWith("The vault migration finishes tonight");
        }
    }

    @Test
    void carolWithdrawsHerRotationAndItLeavesTheApproversInboxes() {
        String alias = "vault-" + Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 30), 36);
        testPeople.signIn("dave");
        keyService.create(new NewKey(alias, "AES_256", KeyPurpose.ENCRYPT, Sensitivity.MEDIUM, "carol", "Vault records."));
        keyService.transition(alias, KeyState.ACTIVE, "in use");
        SecurityContextHolder.clearContext();

        try (Browser carol = signedIn("carol"); Browser dave = signedIn("dave")) {
            var keys = KeysPage.open(carol);
            keys.search(alias);
            keys.openDetail(alias);
            keys.requestRotation("Rotate before the vault audit.");
            String approvalId = jdbc.queryForObject("select approval_id from keys_rotation where key_alias = ? "
                    + "and status = 'PENDING'", String.class, alias);
            assertThat(ApprovalsPage.open(dave).rotationCardText(alias, "carol")).contains("asks to rotate " + alias);

            keys = KeysPage.open(carol);
            keys.search(alias);
            keys.openDetail(alias);
            keys.withdraw(approvalId);
            assertThat(keys.rotationsText()).contains("Withdrawn");
            carol.screenshot("key-rotation-withdrawn");
            assertThat(ApprovalsPage.open(dave).rotationCardGone(alias, "carol")).as("gone from dave's inbox").isTrue();
        }
        assertThat(jdbc.queryForObject("select outcome from keys_rotation where key_alias = ?", String.class, alias))
                .isEqualTo("Withdrawn by carol; the key was not rotated.");
    }

    private static Browser signedIn(String username) {
        return Pages.signedInEnrolling(baseUrl(), username, "keyward-demo");
    }
}
