package dev.keyward.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.audit.AuditTestSupport;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.Workflows;
import dev.keyward.support.TestPeople;
import dev.keyward.support.browser.Browser;
import dev.keyward.support.browser.Pages;
import dev.keyward.support.browser.Pages.ApprovalsPage;
import dev.keyward.support.browser.Pages.MyGrantsPage;
import dev.keyward.support.browser.Pages.MyRequestsPage;
import dev.keyward.support.browser.Pages.RequestAccessPage;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole access path in Chromium, each person in their own browser with their own virtual authenticator:
 * alice requests payments-dek (HIGH), bob (her manager), carol (the owner) and dave (a security officer) approve
 * with their passkeys, alice finds the grant under My grants, and the audit log holds every step.
 */
class AccessRequestBrowserTest extends IntegrationTest {

    static final String KEY = "payments-dek";

    @Autowired
    Workflows workflows;
    @Autowired
    AuditTestSupport audit;
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestPeople testPeople;

    @BeforeEach
    void noPasskeysYet() {
        testPeople.forgetPasskeys("alice", "bob", "carol", "dave");
    }

    @Test
    void aliceRequestsBobCarolAndDaveApproveWithPasskeysAndAliceHoldsTheGrant() {
        try (Browser alice = signedIn("alice")) {
            var request = RequestAccessPage.openFor(alice, KEY); // as the key detail's "Request access" opens it
            if (request.asksForPolicyAcknowledgement()) {
                alice.screenshot("request-access-policy");
                request.acknowledgePolicy();
            }
            request.request("Encrypt", "Settlement batch encrypts card numbers before storage.");
            var mine = MyRequestsPage.await(alice);
            assertThat(mine.rowsText()).contains(KEY, "Waiting for approval");
            String requestId = jdbc.queryForObject("select id from access_request where requester = 'alice' and key_alias = ? "
                    + "and status = 'PENDING'", String.class, KEY);

            for (String approver : List.of("bob", "carol", "dave")) {
                try (Browser browser = signedIn(approver)) {
                    var inbox = ApprovalsPage.open(browser);
                    assertThat(inbox.waitingCount()).as(approver + "'s bell").isNotEqualTo("0");
                    assertThat(inbox.cardText(KEY, "alice")).contains("Encrypt", "HIGH", "owner carol",
                            "Settlement batch encrypts card numbers");
                    if (approver.equals("dave")) {
                        browser.screenshot("approvals");
                    }
                    inbox.approve(KEY, "alice");
                }
            }
            workflows.runDueJobs(); // provisioning is an async step; the test profile runs jobs itself

            assertThat(MyGrantsPage.open(alice).rowsText()).contains(KEY, "Encrypt", "Active");
            alice.screenshot("my-grants");
            assertThat(MyRequestsPage.open(alice).openAndReadSignatures(KEY)).isEqualTo("signatures verified");
            alice.screenshot("request-detail");

            audit.sealAll();
            String approvalId = jdbc.queryForObject("select approval_id from access_request where id = ?", String.class, requestId);
            assertThat(audit.entries("access.request.submitted")).anyMatch(target(requestId));
            assertThat(audit.entries("approvals.decision.signed")).filteredOn(target(approvalId)).hasSize(3);
            assertThat(audit.entries("access.grant.created")).anyMatch(e -> String.valueOf(e.get("details")).contains(requestId)
                    || String.valueOf(e.get("detail")).contains(requestId) || e.toString().contains(requestId));
            assertThat(audit.entries("access.request.closed")).anyMatch(target(requestId));
        }
    }

    private static Predicate<Map<String, Object>> target(String id) {
        return e -> id.equals(e.get("target_id"));
    }

    private static Browser signedIn(String username) {
        return Pages.signedInEnrolling(baseUrl(), username, "keyward-demo");
    }
}
