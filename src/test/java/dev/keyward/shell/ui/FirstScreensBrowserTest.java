package dev.keyward.shell.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import dev.keyward.support.browser.Browser;
import dev.keyward.support.browser.Pages.HomePage;
import dev.keyward.support.browser.Pages.LayoutPage;
import dev.keyward.support.browser.Pages.LoginPage;
import dev.keyward.support.browser.Pages.PasskeyEnrollmentPage;
import dev.keyward.support.browser.Pages.RequestAccessPage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a newcomer sees first: empty pages that say what they are for and offer the first step, a page they may
 * not open (or that does not exist) inside the usual frame with a way home, and a header that fits a phone.
 */
class FirstScreensBrowserTest extends IntegrationTest {

    @Autowired
    TestPeople people;

    @Test
    void aNewcomerIsGuidedNotLeftWithBareTables() {
        String newcomer = people.create("newcomer");
        try (Browser browser = new Browser(baseUrl())) {
            LoginPage.open(browser).signInWithPassword(newcomer, TestPeople.PASSWORD);
            PasskeyEnrollmentPage.await(browser).createPasskey("Laptop");
            HomePage.await(browser);
            assertThat(LayoutPage.open(browser, "").text("home-request-access")).isEqualTo("Request access to a key");
            browser.screenshot("home-newcomer");

            var requests = LayoutPage.open(browser, "my-requests");
            assertThat(requests.text("my-requests-empty")).contains("You have not asked for access yet",
                    "Request access to a key");
            assertThat(requests.shows("my-requests")).as("no empty table").isFalse();
            browser.screenshot("my-requests-empty");

            assertThat(LayoutPage.open(browser, "my-grants").text("my-grants-empty")).contains("You hold no grants",
                    "Request access to a key");
            assertThat(LayoutPage.open(browser, "who-has-access").text("who-has-access-hint")).contains("Choose a key");

            // Errors appear at the field that caused them, and stay.
            var form = RequestAccessPage.open(browser);
            if (form.asksForPolicyAcknowledgement()) {
                form.acknowledgePolicy();
            }
            form.submit();
            assertThat(form.errorAt("request-key")).isEqualTo("Choose the key you need access to.");
            form = RequestAccessPage.openFor(browser, "payments-dek");
            form.submit();
            assertThat(form.errorAt("request-permissions")).isEqualTo("Choose at least one permission.");
            form.request("Encrypt", "too short");
            assertThat(form.errorAt("request-justification")).contains("at least 20 characters");
            browser.screenshot("request-access-field-error");

            var security = LayoutPage.open(browser, "my-security");
            security.type("token-name", " ");
            security.click("create-token");
            assertThat(security.errorAt("token-name")).startsWith("A token name is 1 to");

            for (String address : new String[] {"audit", "people", "no-such-page"}) {
                var page = LayoutPage.open(browser, address);
                assertThat(page.text("not-found")).as(address).contains("There is no page at /" + address,
                        "or it is not open to your roles", "Go to the home page");
            }
            browser.screenshot("not-found");

            browser.driver().manage().window().setSize(new Dimension(390, 844));
            var home = LayoutPage.open(browser, "");
            assertThat(home.rightEdgeOf("sign-out")).as("Sign out stays on a phone's screen").isLessThanOrEqualTo(390);
            assertThat(home.heightOf("signed-in-as")).as("the name takes one line").isLessThan(40);
            browser.screenshot("home-phone");
        }
    }

    @Test
    void aCancelledPasskeySaysSoInPlainWords() {
        try (Browser browser = new Browser(baseUrl())) {
            var login = LoginPage.open(browser);
            browser.cancelEveryPasskeyPrompt(); // the device never answers: the person gives up
            login.signInWithPasskey();
            assertThat(login.passkeyStatus()).startsWith("Waiting for your passkey");
            browser.screenshot("login-passkey-waiting");
            login.cancelPasskey();
            assertThat(login.passkeyProblem()).isEqualTo("You cancelled the passkey request. Try again, or sign in "
                    + "with your password.");
        }
    }
}
