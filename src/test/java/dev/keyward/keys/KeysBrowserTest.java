package dev.keyward.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import dev.keyward.support.browser.Browser;
import dev.keyward.support.browser.Pages;
import dev.keyward.support.browser.Pages.KeysPage;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Dave (security officer) creates a key; it shows with its check value; carol, its owner, activates it. */
class KeysBrowserTest extends IntegrationTest {

    @Autowired
    TestPeople testPeople;

    @BeforeEach
    void noPasskeysYet() {
        testPeople.forgetPasskeys("dave", "carol");
    }

    @Test
    void daveCreatesAKeyAndCarolActivatesIt() {
        String alias = "ui-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        try (Browser dave = signedIn("dave")) {
            var page = KeysPage.open(dave);
            page.search("payments-dek");
            assertThat(page.row("payments-dek")).contains("carol").contains("Active");
            assertThat(page.createRefused("Not An Alias!", "carol", "new-key-alias")).startsWith("An alias is 3 to 64 characters");
            assertThat(page.createRefused(alias, "nobody-here", "new-key-owner")).contains("must be an active person");
            page.create(alias, "carol");
            assertThat(page.row(alias)).contains("AES_256 · ENCRYPT").contains("Pre-activation").contains("Carol Chen (carol)");
            dave.screenshot("keys");

            try (Browser browser = signedIn("carol")) {
                var carols = KeysPage.open(browser);
                carols.openDetail(alias);
                assertThat(carols.offers("move-active")).isTrue();
                assertThat(carols.offers("move-compromised")).as("owners only activate and suspend").isFalse();
                carols.move("move-active", "ready for production");
                carols.waitForState(alias, "Active");
                carols.openDetail(alias);
                assertThat(carols.rotationScheduleText()).contains("Rotated every 365 days (the default for MEDIUM keys)");
                assertThat(carols.offers("change-rotation-period")).as("officers set periods").isFalse();
            }

            page = KeysPage.open(dave);
            page.search(alias);
            page.openDetail(alias);
            assertThat(page.changeRotationPeriodRefused(731)).isEqualTo("A MEDIUM key is rotated every 30 to 730 days "
                    + "(its cryptoperiod); 731 is outside.");
            assertThat(page.changeRotationPeriod(90)).as("the detail shows it at once")
                    .contains("Rotated every 90 days").doesNotContain("default");

            assertThat(page.offers("move-deactivated")).as("deactivation is an approved change").isFalse();
            page.move("move-suspended", "A leak is being investigated.");
            page.waitForState(alias, "Suspended");
            page.openDetail(alias);
            assertThat(page.text("key-state-request-active")).as("the suspension opened its review")
                    .contains("Re-activation waiting for approval", "Review of the suspension: A leak is being investigated.");
            assertThat(page.offers("request-active")).as("asked already").isFalse();
            assertThat(page.offers("request-deactivated")).isTrue();
            dave.screenshot("key-suspension-review");
        }
    }

    private static Browser signedIn(String username) {
        return Pages.signedInEnrolling(baseUrl(), username, "keyward-demo");
    }
}
