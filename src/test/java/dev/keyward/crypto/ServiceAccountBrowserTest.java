package dev.keyward.crypto;

import static dev.keyward.crypto.CryptoApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.access.AccessFixture;
import dev.keyward.access.AccessFixture.Cast;
import dev.keyward.crypto.internal.UsageMeter;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import dev.keyward.support.Workflows;
import dev.keyward.support.browser.Browser;
import dev.keyward.support.browser.Pages.HomePage;
import dev.keyward.support.browser.Pages.KeyUsagePage;
import dev.keyward.support.browser.Pages.LoginPage;
import dev.keyward.support.browser.Pages.MyApplicationsPage;
import dev.keyward.support.browser.Pages.RequestAccessPage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * In the browser: a person creates a service account under My applications, issues its token (shown once) and
 * requests access for it; once approved, the application encrypts with its token, its grant shows the uses, and
 * the key's owner sees them in the key's usage chart and caller list.
 */
class ServiceAccountBrowserTest extends IntegrationTest {

    @Autowired
    AccessFixture access;
    @Autowired
    CryptoFixture crypto;
    @Autowired
    Workflows workflows;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;
    @Autowired
    UsageMeter meter;

    @Test
    void anApplicationIsCreatedGrantedUsedAndItsUseIsVisible() throws Exception {
        Cast cast = access.cast();
        String key = crypto.key(cast, "AES_256", KeyPurpose.ENCRYPT, Sensitivity.LOW);
        String app = "ui-app-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String secret;
        try (Browser browser = signedIn(cast.requester())) {
            var page = MyApplicationsPage.open(browser);
            page.create(app, "Encrypts settlement files");
            secret = page.issueToken("prod");
            assertThat(secret).startsWith("kwt_");
            assertThat(page.tokensText()).contains("prod").contains("never").doesNotContain(secret);
            page.requestAccess();
            var request = RequestAccessPage.openFor(browser, key, app);
            request.acknowledgePolicy();
            request.request("Encrypt", AccessFixture.JUSTIFICATION);
            browser.screenshot("request-for-app");
        }
        String requestId = jdbc.queryForObject("select id from access_request where beneficiary = ?", String.class, app);
        access.approveAll(cast, requestId);
        workflows.runJobsOf(requestId);

        CryptoApi api = new CryptoApi(mvc, DemoTokens.bearer(secret));
        String ciphertext = null;
        for (int i = 0; i < 3; i++) {
            ciphertext = api.encrypt(key, "settlement " + i, null);
        }
        api.call(key, "decrypt", json("ciphertext", ciphertext)).andExpect(status().isForbidden());
        clock.advance(Duration.ofMinutes(1)); // the chart's minutes are written once they are over
        meter.flush();

        try (Browser browser = signedIn(cast.requester())) {
            var page = MyApplicationsPage.open(browser);
            page.select(app);
            assertThat(page.grantsText()).contains(key).contains("Encrypt").contains("3 uses");
            assertThat(page.tokensText()).doesNotContain("never");
            browser.screenshot("my-applications");
        }
        try (Browser browser = signedIn(cast.owner())) {
            var usage = KeyUsagePage.open(browser, key);
            assertThat(usage.bars()).isGreaterThanOrEqualTo(1);
            assertThat(usage.callersText()).contains(app).contains("encrypt").contains("3");
            browser.screenshot("key-usage");
        }
    }

    /** The cast already holds passkeys (software ones), so the password leads straight in. */
    private static Browser signedIn(String username) {
        Browser browser = new Browser(baseUrl());
        LoginPage.open(browser).signInWithPassword(username, TestPeople.PASSWORD);
        HomePage.await(browser);
        return browser;
    }
}
