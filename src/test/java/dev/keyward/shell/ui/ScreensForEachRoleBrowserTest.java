package dev.keyward.shell.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.access.AccessPolicyService;
import dev.keyward.access.AccessRequestService;
import dev.keyward.access.NewAccessRequest;
import dev.keyward.access.Permission;
import dev.keyward.audit.AuditTestSupport;
import dev.keyward.identity.Roles;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import dev.keyward.support.browser.Browser;
import dev.keyward.support.browser.Pages.ApprovalsPage;
import dev.keyward.support.browser.Pages.AuditLogPage;
import dev.keyward.support.browser.Pages.HomePage;
import dev.keyward.support.browser.Pages.KeysPage;
import dev.keyward.support.browser.Pages.LayoutPage;
import dev.keyward.support.browser.Pages.LoginPage;
import dev.keyward.support.browser.Pages.PasskeyEnrollmentPage;
import dev.keyward.support.browser.Pages.PeoplePage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WindowType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The screens as each kind of user sees them: an auditor is shown the pages an auditor can use, in their own time
 * zone, with people's names and plain words, and opens details from the keyboard; an approver on a phone reaches
 * every button, sees refusals at the field, and a card decided in another tab leaves the page by itself.
 */
class ScreensForEachRoleBrowserTest extends IntegrationTest {

    static final String KEY = "payments-dek";

    @Autowired
    TestPeople people;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AccessPolicyService policy;
    @Autowired
    AccessRequestService requests;
    @Autowired
    AuditTestSupport audit;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anAuditorSeesTheirPagesTimesAndPeopleAsTheyReadThem() {
        String auditor = people.create("auditor", Roles.AUDITOR);
        try (Browser browser = new Browser(baseUrl())) {
            browser.useTimeZone("Asia/Tokyo");
            LoginPage.open(browser).signInWithPassword(auditor, TestPeople.PASSWORD);
            PasskeyEnrollmentPage.await(browser).createPasskey("Laptop");
            assertThat(HomePage.await(browser).menuText())
                    .contains("Keys", "Who has access", "Audit log", "People", "My security")
                    .doesNotContain("Request access", "Approvals", "My requests", "My grants", "My applications");
            var home = LayoutPage.open(browser, "");
            assertThat(home.text("home-audit")).isEqualTo("Open the audit log");
            assertThat(home.shows("notifications")).as("no bell: auditors decide nothing").isFalse();
            for (String address : new String[] {"request-access", "approvals"}) {
                var page = LayoutPage.open(browser, address);
                assertThat(page.text("not-found")).as(address).contains("not open to your roles")
                        .doesNotContain("Request access to a key");
            }

            // Times in the viewer's zone, one format; the audit log says which zone.
            audit.sealAll(); // the page shows sealed entries
            var log = AuditLogPage.open(browser);
            assertThat(home.text("audit-zone")).contains("Asia/Tokyo");
            log.filterByActor(auditor);
            Instant signedIn = jdbc.queryForObject("select min(occurred_at) from audit_entry where actor_id = ?",
                    Timestamp.class, auditor).toInstant();
            String tokyo = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss.SSS", Locale.ENGLISH)
                    .withZone(ZoneId.of("Asia/Tokyo")).format(signedIn);
            assertThat(log.showsWithin(tokyo, Duration.ofSeconds(10))).as("signed in at " + tokyo + " Tokyo time").isTrue();
            browser.screenshot("audit-log-time-zone");

            // Names beside usernames, roles and states in words, nothing cut off.
            var keys = KeysPage.open(browser);
            assertThat(keys.showsWholeAlias(KEY)).isTrue(); // (searches for it: other tests add keys)
            assertThat(keys.row(KEY)).contains("Carol Chen (carol)", "Active");
            assertThat(keys.openDetailWithKeyboard(KEY)).isEqualTo(KEY);
            browser.screenshot("keys-detail-keyboard");
            var directory = PeoplePage.open(browser);
            directory.search("dave");
            assertThat(directory.rowsText()).contains("Dave Dunn (dave)", "Security officer", "Employee")
                    .doesNotContain("SECURITY_OFFICER");
            directory.search("alice");
            assertThat(directory.rowsText()).contains("Bob Baker (bob)");
            browser.screenshot("people-roles");
        }
    }

    @Test
    void anApproverOnAPhoneReachesEveryButtonAndACardDecidedInAnotherTabLeaves() {
        String manager = people.create("manager");
        String requester = people.createReportingTo("requester", manager);
        people.signIn(requester);
        policy.acknowledge(policy.current().version());
        requests.submit(new NewAccessRequest(KEY, Set.of(Permission.USE_ENCRYPT), null,
                "The settlement batch encrypts card numbers before storage.", 5, null));
        SecurityContextHolder.clearContext();

        try (Browser browser = new Browser(baseUrl())) {
            LoginPage.open(browser).signInWithPassword(manager, TestPeople.PASSWORD);
            PasskeyEnrollmentPage.await(browser).createPasskey("Phone");
            HomePage.await(browser);
            browser.driver().manage().window().setSize(new Dimension(390, 844));

            var inbox = ApprovalsPage.open(browser);
            inbox.awaitCard(KEY, requester);
            assertThat(inbox.cardText(KEY, requester)).contains("Test " + requester + " (" + requester + ") asks for Encrypt",
                    "You decide as: manager").doesNotContain("slot");
            assertThat(inbox.buttonsRightEdge(KEY, requester)).as("Approve and Reject stay on a phone's screen")
                    .isLessThanOrEqualTo(390);
            assertThat(inbox.rejectWithoutComment(KEY, requester))
                    .isEqualTo("Say why you reject: the requester sees your comment.");
            browser.screenshot("approvals-phone");

            String first = browser.driver().getWindowHandle();
            browser.driver().switchTo().newWindow(WindowType.TAB);
            var stale = ApprovalsPage.open(browser);
            stale.awaitCard(KEY, requester);
            String second = browser.driver().getWindowHandle();
            browser.driver().switchTo().window(first);
            inbox.approve(KEY, requester);
            browser.driver().switchTo().window(second); // the page checks every 10 s
            assertThat(stale.cardGoneWithin(KEY, requester, Duration.ofSeconds(20)))
                    .as("the card decided in the other tab leaves without a reload").isTrue();

            var keys = KeysPage.open(browser);
            assertThat(keys.showsWholeAlias(KEY)).as("the alias wins the width on a phone").isTrue();
            var layout = new LayoutPage(browser);
            assertThat(layout.shows("key-filters-more")).as("filters fold away on a phone").isFalse();
            browser.screenshot("keys-phone");
            layout.click("key-filters-toggle");
            assertThat(layout.showsSoon("key-filters-more")).as("the toggle opens them (a server round trip)").isTrue();
        }
    }
}
