package dev.keyward.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import dev.keyward.support.browser.Browser;
import dev.keyward.support.browser.Pages.HomePage;
import dev.keyward.support.browser.Pages.LoginPage;
import dev.keyward.support.browser.Pages.MySecurityPage;
import dev.keyward.support.browser.Pages.PasskeyEnrollmentPage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A person manages their passkeys and API tokens in the browser. */
class MySecurityBrowserTest extends IntegrationTest {

    @Autowired
    TestPeople testPeople;

    @Test
    void managePasskeysAndUseAndRevokeAToken() throws Exception {
        String user = testPeople.create("ui");
        try (Browser browser = new Browser(baseUrl())) {
            LoginPage.open(browser).signInWithPassword(user, TestPeople.PASSWORD);
            PasskeyEnrollmentPage.await(browser).createPasskey("First key");
            HomePage.await(browser);

            var page = MySecurityPage.open(browser);
            assertThat(page.passkeysText()).contains("First key");
            assertThat(page.canRemoveFirstPasskey()).as("the last passkey cannot be removed").isFalse();
            page.renameFirstPasskey("Office YubiKey");
            assertThat(page.passkeysText()).contains("Office YubiKey").doesNotContain("First key");

            browser.switchToNewAuthenticator();
            page.addPasskey("Phone");
            assertThat(page.passkeysText()).contains("Office YubiKey").contains("Phone");
            assertThat(page.canRemoveFirstPasskey()).isTrue();
            page.removeFirstPasskey();
            assertThat(page.passkeysText()).contains("Phone").doesNotContain("Office YubiKey");
            assertThat(page.canRemoveFirstPasskey()).isFalse();

            String secret = page.createToken("deploy script", 7);
            assertThat(secret).startsWith("kwt_");
            assertThat(page.tokensText()).contains("deploy script").contains(secret.substring(0, 12)).contains("Active")
                    .doesNotContain(secret);
            browser.screenshot("my-security");
            assertThat(callMe(secret)).isEqualTo(200);

            page.revokeFirstToken();
            assertThat(callMe(secret)).isEqualTo(401);
        }
    }

    private static int callMe(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/me"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
