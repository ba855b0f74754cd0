package dev.keyward.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.identity.internal.PersonRepository;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import dev.keyward.support.browser.Browser;
import dev.keyward.support.browser.Pages.HomePage;
import dev.keyward.support.browser.Pages.LoginPage;
import dev.keyward.support.browser.Pages.PasskeyEnrollmentPage;
import dev.keyward.support.browser.Pages.PeoplePage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Administrators find people and unlock locked accounts in the browser; employees do not see the directory. */
class PeopleBrowserTest extends IntegrationTest {

    @Autowired
    TestPeople testPeople;
    @Autowired
    PersonRepository people;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void anAdminUnlocksALockedPerson() {
        String admin = testPeople.create("admin", Roles.ADMIN);
        String locked = testPeople.create("locked");
        transactions.executeWithoutResult(t -> {
            var person = people.findByUsername(locked).orElseThrow();
            person.countSignInAttempt(clock.instant());
            person.lockIfAtLimit(clock.instant(), 1);
        });
        assertThat(people.findByUsername(locked).orElseThrow().isLocked()).isTrue();

        try (Browser browser = signedIn(admin)) {
            assertThat(HomePage.await(browser).menuText()).contains("People");
            var page = PeoplePage.open(browser);
            page.search(locked);
            assertThat(page.rowsText()).contains("Locked");
            browser.screenshot("people");
            page.unlockFirst();
            assertThat(page.rowsText()).contains(locked).contains("Active");
        }
        assertThat(people.findByUsername(locked).orElseThrow().isLocked()).isFalse();
    }

    @Test
    void employeesDoNotSeeTheDirectory() {
        try (Browser browser = signedIn(testPeople.create("employee"))) {
            var home = HomePage.await(browser);
            assertThat(home.menuText()).contains("Home").contains("My security").doesNotContain("People");
        }
    }

    private static Browser signedIn(String username) {
        Browser browser = new Browser(baseUrl());
        LoginPage.open(browser).signInWithPassword(username, TestPeople.PASSWORD);
        PasskeyEnrollmentPage.await(browser).createPasskey("Test key");
        HomePage.await(browser);
        return browser;
    }
}
