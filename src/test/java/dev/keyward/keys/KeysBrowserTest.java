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
        try (Browser browser = signedIn("dave")) {
            var page = KeysPage.open(browser);
            page.search("payments-dek");
            assertThat(page.row("payments-dek")).contains("carol").contains("Active");
            assertThat(page.createRefused("Not An Alias!", "carol", "new-key-alias")).startsWith("An alias is 3 to 64 characters");
            assertThat(page.createRefused(alias, "nobody-here", "new-key-owner")).contains("must be an active person");
            page.create(alias, "carol");
            assertThat(page.row(alias)).contains("AES_256 · ENCRYPT").contains("Pre-activation").contains("Carol Chen (carol)");
            browser.screenshot("keys");
        }
        try (Browser browser = signedIn("carol")) {
            var page = KeysPage.open(browser);
            page.openDetail(alias);
            assertThat(page.offers("move-active")).isTrue();
            assertThat(page.offers("move-compromised")).as("owners only activate and suspend").isFalse();
            page.move("move-active", "ready for production");
            page.waitForState(alias, "Active");
        }
    }

    private static Browser signedIn(String username) {
        return Pages.signedInEnrolling(baseUrl(), username, "keyward-demo");
    }
}
