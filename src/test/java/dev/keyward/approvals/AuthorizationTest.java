package dev.keyward.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyward.access.AccessFixture;
import dev.keyward.identity.Roles;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The engine, not the subject, decides whether an approved change may be applied: it compares the case's subject and
 * the signed facts with the subject as it stands and re-verifies every signature against the relying party it was
 * made for. Shown on a subject that is no real one, so only the engine's rules are at work.
 */
class AuthorizationTest extends IntegrationTest {

    @Autowired
    ApprovalService approvals;
    @Autowired
    AccessFixture fixture;
    @Autowired
    TestPeople people;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void onlyTheApprovedSubjectWithTheFactsAsSignedAndVerifyingSignaturesIsAuthorized() {
        String officer1 = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));
        String officer2 = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));
        TestChange change = TestChange.of(people.create("requester"), new TestChange.Facts("test-change", "bob", 3, "first note"));
        String approvalId = change.open(approvals, runtime);

        assertThatThrownBy(() -> approvals.authorize(approvalId, change)).isInstanceOf(NotAuthorizedException.class)
                .hasMessage("The approval is PENDING, not APPROVED.");
        fixture.decide(officer1, change.id(), Decision.APPROVE, null);
        assertThatThrownBy(() -> approvals.authorize(approvalId, change)).as("one of two slots")
                .hasMessage("The approval is PENDING, not APPROVED.");
        fixture.decide(officer2, change.id(), Decision.APPROVE, null);

        Authorization authorization = approvals.authorize(approvalId, change);
        assertThat(authorization.approvalId()).isEqualTo(approvalId);
        assertThat(authorization.requireFor("test-change", change.id())).isSameAs(authorization);
        assertThatThrownBy(() -> authorization.requireFor("test-change", "another"))
                .isInstanceOf(IllegalStateException.class);

        TestChange other = TestChange.of(change.requester(), change.facts());
        assertThatThrownBy(() -> approvals.authorize(approvalId, other)).as("subject A's approval for subject B")
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessage("Approval " + approvalId + " decided test-change " + change.id() + ", not test-change "
                        + other.id() + ".");
        assertThatThrownBy(() -> approvals.authorize(approvalId, change.with(
                new TestChange.Facts("test-change", "carol", 4, "first note"))))
                .as("facts changed after signing").isInstanceOf(NotAuthorizedException.class)
                .hasMessage("What the approvers signed no longer holds: owner was \"bob\" when signed and is \"carol\" now; "
                        + "version was \"3\" when signed and is \"4\" now.");
        assertThat(approvals.authorize(approvalId, change.with(new TestChange.Facts("test-change", "bob", 3, "edited"))))
                .as("a fact the subject declares drifting").isNotNull();
        assertThatThrownBy(() -> approvals.authorize(null, change)).isInstanceOf(NotAuthorizedException.class)
                .hasMessage("No approval was ever opened for this test-change.");

        jdbc.update("update approvals_decision set rp_origins = 'https://elsewhere.example' where case_id = ? and approver = ?",
                approvalId, officer2);
        assertThatThrownBy(() -> approvals.authorize(approvalId, change)).as("verified against the origins kept with it")
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageStartingWith("The decision of " + officer2 + " on slot 2 does not verify");
    }

    @Test
    void aRejectedCaseAuthorizesNothing() {
        String officer = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));
        TestChange change = TestChange.of(people.create("requester"), new TestChange.Facts("test-change", "bob", 1, null));
        String approvalId = change.open(approvals, runtime);
        fixture.decide(officer, change.id(), Decision.REJECT, "Not now.");
        assertThatThrownBy(() -> approvals.authorize(approvalId, change)).isInstanceOf(NotAuthorizedException.class)
                .hasMessage("The approval is REJECTED, not APPROVED.");
    }
}
