package dev.keyward.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyward.access.AccessFixture;
import dev.keyward.audit.AuditTestSupport;
import dev.keyward.identity.Roles;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import dev.keyward.support.Workflows;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The approval engine on its own, with a subject that is no real one ({@link TestChange}): it opens a case, takes signed
 * decisions, reminds, escalates a designated slot nobody decided to the security officers, expires what nobody
 * finished, lets the requester withdraw, and authorizes the act only on a complete, verifying approval
 * ({@link AuthorizationTest} shows the authorization in detail). Nothing of access, keys or roles takes part.
 */
class ApprovalEngineTest extends IntegrationTest {

    private static final TestChange.Facts FACTS = new TestChange.Facts("test-change", "bob", 1, null);

    @Autowired
    ApprovalService approvals;
    @Autowired
    AccessFixture fixture;
    @Autowired
    TestPeople people;
    @Autowired
    RuntimeService runtime;
    @Autowired
    Workflows workflows;
    @Autowired
    AuditTestSupport audit;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anUndecidedCaseIsRemindedEscalatedAndExpiredAndAuthorizesNothing() {
        String manager = fixture.withPasskey(people.create("manager"));
        TestChange change = TestChange.of(people.createReportingTo("requester", manager), FACTS).managerAndOfficer(manager);
        String approvalId = change.open(approvals, runtime);
        Approval opened = approvals.get(approvalId);
        assertThat(opened.slots()).extracting(Approval.Slot::approver).containsExactly(manager, null);
        fixture.as(manager);
        assertThat(approvals.waitingForMe()).anyMatch(e -> e.kind().equals("approval") && e.id().equals(approvalId));

        clock.set(opened.remindAt().plusSeconds(1));
        assertThat(workflows.fireTimersDueBy(approvalId, clock.instant())).isEqualTo(1);
        clock.set(opened.escalateAt().plusSeconds(1));
        workflows.fireTimersDueBy(approvalId, clock.instant());
        Approval escalated = approvals.get(approvalId);
        assertThat(escalated.slots().get(0).approver()).as("the manager's slot went to the officers").isNull();
        assertThat(escalated.slots().get(0).routedReason()).startsWith(manager + " did not decide within");
        fixture.as(manager);
        assertThat(approvals.inbox()).noneMatch(i -> i.approvalId().equals(approvalId));

        clock.set(opened.expireAt().plusSeconds(1));
        workflows.fireTimersDueBy(approvalId, clock.instant());
        assertThat(approvals.get(approvalId).status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(approvals.get(approvalId).ending("nothing was done"))
                .isEqualTo(new Approval.Ending(ApprovalStatus.EXPIRED, "Not decided in time; nothing was done."));
        assertThatThrownBy(() -> approvals.authorize(approvalId, change)).isInstanceOf(NotAuthorizedException.class)
                .hasMessage("The approval is EXPIRED, not APPROVED.");
        audit.sealAll();
        assertThat(jdbc.queryForList("select action from audit_entry where target_type = 'approval' and target_id = ? "
                + "order by seq", String.class, approvalId)).containsExactly("approvals.approval.opened",
                "approvals.approvers.reminded", "approvals.approval.escalated", "approvals.approval.concluded");
    }

    @Test
    void twoSignedApprovalsAuthorizeTheActAndAWithdrawnCaseEndsItsProcess() {
        String officer1 = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));
        String officer2 = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));
        TestChange approved = TestChange.of(people.create("requester"), FACTS);
        String approvedId = approved.open(approvals, runtime);
        fixture.decide(officer1, approved.id(), Decision.APPROVE, null);
        fixture.decide(officer2, approved.id(), Decision.APPROVE, null);
        assertThat(approvals.get(approvedId).status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(approvals.authorize(approvedId, approved).subjectId()).isEqualTo(approved.id());

        TestChange withdrawn = TestChange.of(people.create("requester"), FACTS);
        String withdrawnId = withdrawn.open(approvals, runtime);
        fixture.as(withdrawn.requester());
        approvals.withdraw(withdrawnId);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(withdrawnId).count())
                .as("the case's Approval process ended").isZero();
        assertThat(approvals.get(withdrawnId).ending("nothing was done")).isEqualTo(new Approval.Ending(
                ApprovalStatus.WITHDRAWN, "Withdrawn by " + withdrawn.requester() + "; nothing was done."));
        fixture.as(officer1);
        assertThat(approvals.inbox()).noneMatch(i -> i.approvalId().equals(withdrawnId));
    }
}
