package dev.keyward.privileges;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.identity.Roles;
import dev.keyward.identity.internal.PersonRepository;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import dev.keyward.support.Workflows;
import dev.keyward.support.browser.Browser;
import dev.keyward.support.browser.Pages;
import dev.keyward.support.browser.Pages.ApprovalsPage;
import dev.keyward.support.browser.Pages.HomePage;
import dev.keyward.support.browser.Pages.PeoplePage;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Dual control in Chromium, each person in their own browser with their own virtual authenticator: frank asks
 * Security officer for heidi, who stays an employee until dave and grace approve with their passkeys; then heidi
 * sees the officers' pages.
 */
class RoleGrantBrowserTest extends IntegrationTest {

    @Autowired
    TestPeople testPeople;
    @Autowired
    PersonRepository people;
    @Autowired
    Workflows workflows;

    @BeforeEach
    void noPasskeysYet() {
        testPeople.forgetPasskeys("frank", "dave", "grace");
    }

    @Test
    void frankAsksSecurityOfficerForHeidiDaveAndGraceApproveAndHeidiSeesTheOfficersPages() {
        String heidi = testPeople.create("heidi");
        try (Browser frank = signedIn("frank", "keyward-demo")) {
            var page = PeoplePage.open(frank);
            page.search(heidi);
            page.requestRole("Security officer", "Joins the key custody team; replaces dave during his leave.");
            frank.screenshot("people-role-request");
        }
        assertThat(roles(heidi)).as("frank's word alone gives nothing").containsExactly(Roles.EMPLOYEE);

        for (String approver : List.of("dave", "grace")) {
            try (Browser browser = signedIn(approver, "keyward-demo")) {
                var inbox = ApprovalsPage.open(browser);
                assertThat(inbox.roleCardText(heidi)).contains("asks for Security officer for", heidi,
                        "Joins the key custody team", "two approvers");
                if (approver.equals("dave")) {
                    browser.screenshot("approvals-role");
                }
                inbox.approveRoleFor(heidi);
            }
        }
        workflows.runDueJobs();
        assertThat(roles(heidi)).containsExactlyInAnyOrder(Roles.EMPLOYEE, Roles.SECURITY_OFFICER);

        try (Browser browser = signedIn(heidi, TestPeople.PASSWORD)) {
            assertThat(HomePage.await(browser).menuText()).contains("People", "Approvals");
        }
    }

    private java.util.Set<String> roles(String username) {
        return people.findByUsername(username).orElseThrow().getRoles();
    }

    private static Browser signedIn(String username, String password) {
        return Pages.signedInEnrolling(baseUrl(), username, password);
    }
}
