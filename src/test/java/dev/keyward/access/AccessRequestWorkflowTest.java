package dev.keyward.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.keyward.access.AccessFixture.Cast;
import dev.keyward.approvals.Approval;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.ApprovalStatus;
import dev.keyward.approvals.Decision;
import dev.keyward.approvals.SlotKind;
import dev.keyward.audit.AuditTestSupport;
import dev.keyward.identity.PasskeyService;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.Workflows;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Every path of bpmn/AccessRequest.bpmn and bpmn/Approval.bpmn on the real engine and database: approve, reject
 * at each slot, reminder, escalation, expiry, revocation early and at the end date, and a tampered decision that
 * blocks provisioning. Time is moved, never slept; the test runs the engine's jobs itself.
 */
class AccessRequestWorkflowTest extends IntegrationTest {

    @Autowired
    AccessFixture fixture;
    @Autowired
    Workflows workflows;
    @Autowired
    AccessRequestService requests;
    @Autowired
    GrantService grants;
    @Autowired
    ApprovalService approvals;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditTestSupport audit;
    @Autowired
    PasskeyService passkeys;

    Cast cast;

    @BeforeEach
    void setUp() {
        init(engine);
        cast = fixture.cast();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void approvedByManagerAndOwnerTheGrantExistsUntilItsEndDateThenExpires() {
        String key = fixture.activeKey(Sensitivity.MEDIUM, cast.owner(), cast.officer1());
        AccessRequest request = fixture.request(cast.requester(), key);
        ProcessInstance process = process(request.id());
        ProcessInstance approval = process(request.approval().id());
        assertThat(process).isWaitingAt("Activity_ApproveAccess");
        assertThat(approval).isWaitingAt("Task_CollectDecisions");
        assertThat(request.approval().slots()).extracting(Approval.Slot::kind, Approval.Slot::approver)
                .containsExactly(tuple(SlotKind.MANAGER, cast.manager()),
                        tuple(SlotKind.KEY_OWNER, cast.owner()));

        fixture.decide(cast.manager(), request.id(), Decision.APPROVE, null);
        assertThat(approval).as("one slot still open").isWaitingAt("Task_CollectDecisions");
        fixture.decide(cast.owner(), request.id(), Decision.APPROVE, "fine for the batch");
        assertThat(approval).isEnded().hasPassed("Task_ConcludeApproval", "Event_ApprovalConcluded");
        assertThat(process).isWaitingAt("Task_GrantAccess"); // async: provisioning runs as its own job
        workflows.runDueJobs();

        fixture.as(cast.requester());
        AccessRequest granted = requests.get(request.id());
        assertThat(granted.status()).isEqualTo(AccessRequestStatus.GRANTED);
        assertThat(granted.approval().allDecisionsVerified()).isTrue();
        Grant grant = grants.mine().stream().filter(g -> g.key().equals(key)).findFirst().orElseThrow();
        assertThat(grant.id()).isEqualTo(granted.grantId());
        assertThat(grant.permissions()).containsExactly(Permission.USE_ENCRYPT);
        assertThat(Duration.between(grant.validFrom(), grant.validUntil())).isEqualTo(Duration.ofDays(5));
        assertThat(grant.activeAt(clock.instant())).isTrue();
        assertThat(process).isWaitingAt("Gateway_GrantEnds");

        assertThat(workflows.fireTimersDueBy(request.id(), clock.instant().plus(Duration.ofDays(4)))).isZero();
        clock.advance(Duration.ofDays(5).plusMinutes(1));
        assertThat(workflows.fireTimersDueBy(request.id(), clock.instant())).isEqualTo(1);
        assertThat(process).isEnded().hasPassed("Task_ExpireGrant", "Event_AccessExpired");
        assertThat(grants.mine().stream().filter(g -> g.id().equals(grant.id())).findFirst().orElseThrow().status())
                .isEqualTo(GrantStatus.EXPIRED);
        audit.sealAll();
        for (String action : new String[] {"access.request.submitted", "approvals.approval.opened", "approvals.decision.signed",
                "approvals.approval.concluded", "access.grant.created", "access.grant.expired"}) {
            assertThat(audit.entries(action)).as(action).isNotEmpty();
        }
        assertThat(audit.entries("approvals.decision.signed")).filteredOn(e -> e.get("target_id").equals(request.approval().id()))
                .hasSize(2);
    }

    @ParameterizedTest(name = "rejected at slot {0}")
    @ValueSource(ints = {1, 2, 3})
    void aRejectionAtAnySlotEndsTheRequestWithTheComment(int rejectingSlot) {
        String key = fixture.activeKey(Sensitivity.HIGH, cast.owner(), cast.officer1());
        AccessRequest request = fixture.request(cast.requester(), key);
        ProcessInstance process = process(request.id());
        ProcessInstance approval = process(request.approval().id());
        String[] approvers = {cast.manager(), cast.owner(), cast.officer2()};
        for (int slot = 1; slot <= rejectingSlot; slot++) {
            boolean reject = slot == rejectingSlot;
            fixture.decide(approvers[slot - 1], request.id(), reject ? Decision.REJECT : Decision.APPROVE,
                    reject ? "Use the tokenisation service instead." : null);
        }
        workflows.runDueJobs();

        assertThat(process).isEnded().hasPassed("Task_CloseRequest", "Event_AccessNotApproved").hasNotPassed("Task_GrantAccess");
        assertThat(approval).as("one rejection settles the approval").isEnded()
                .hasPassed("Task_ConcludeApproval", "Event_ApprovalConcluded").hasNotPassed("Task_ExpireApproval");
        fixture.as(cast.requester());
        AccessRequest closed = requests.get(request.id());
        assertThat(closed.status()).isEqualTo(AccessRequestStatus.REJECTED);
        assertThat(closed.outcome()).isEqualTo("Rejected by " + approvers[rejectingSlot - 1] + ": Use the tokenisation service instead.");
        assertThat(closed.approval().status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(grants.mine()).noneMatch(g -> g.key().equals(key));
    }

    @Test
    void openSlotsAreRemindedAfterTwoBusinessDaysAndEscalatedAfterFive() {
        Instant friday = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.next(DayOfWeek.FRIDAY))
                .atTime(10, 0).toInstant(ZoneOffset.UTC);
        clock.set(friday);
        String key = fixture.activeKey(Sensitivity.LOW, cast.owner(), cast.officer1());
        AccessRequest request = fixture.request(cast.requester(), key);
        Approval approval = request.approval();
        ProcessInstance approvalProcess = process(approval.id());
        assertThat(Duration.between(friday, approval.remindAt())).as("Friday + 2 business days = Tuesday")
                .isBetween(Duration.ofDays(4), Duration.ofDays(4).plusMinutes(1));
        assertThat(Duration.between(friday, approval.escalateAt())).as("Friday + 5 business days = next Friday")
                .isBetween(Duration.ofDays(7), Duration.ofDays(7).plusMinutes(1));
        assertThat(Duration.between(friday, approval.expireAt())).as("Friday + 10 business days")
                .isBetween(Duration.ofDays(14), Duration.ofDays(14).plusMinutes(1));

        clock.set(friday.plus(Duration.ofDays(4)).plusSeconds(90));
        assertThat(workflows.fireTimersDueBy(request.id(), clock.instant())).isEqualTo(1);
        audit.sealAll();
        assertThat(audit.entries("approvals.approvers.reminded")).anyMatch(e -> e.get("target_id").equals(approval.id()));
        assertThat(fixture.slotOf(cast.manager(), request.id())).as("still the manager's").isNotNull();
        assertThat(approvalProcess).hasPassed("Task_RemindApprovers", "Event_ApproversReminded")
                .isWaitingAt("Task_CollectDecisions");

        clock.set(friday.plus(Duration.ofDays(7)).plusSeconds(90));
        assertThat(workflows.fireTimersDueBy(request.id(), clock.instant())).isEqualTo(1);
        fixture.as(cast.manager());
        assertThat(approvals.inbox()).noneMatch(i -> i.subjectId().equals(request.id()));
        assertThat(fixture.slotOf(cast.officer2(), request.id()).routedReason())
                .isEqualTo(cast.manager() + " did not decide within 5 business days.");
        assertThat(approvalProcess).hasPassed("Task_EscalateSlots", "Event_SlotsEscalated")
                .isWaitingAt("Task_CollectDecisions");

        fixture.decide(cast.officer2(), request.id(), Decision.APPROVE, null);
        workflows.runDueJobs();
        fixture.as(cast.requester());
        assertThat(requests.get(request.id()).status()).isEqualTo(AccessRequestStatus.GRANTED);
    }

    @Test
    void nothingDecidedInTenBusinessDaysExpiresTheRequest() {
        String key = fixture.activeKey(Sensitivity.MEDIUM, cast.owner(), cast.officer1());
        AccessRequest request = fixture.request(cast.requester(), key);
        ProcessInstance process = process(request.id());
        ProcessInstance approval = process(request.approval().id());
        fixture.decide(cast.manager(), request.id(), Decision.APPROVE, null);

        clock.set(request.approval().expireAt().plusSeconds(1));
        assertThat(workflows.fireTimersDueBy(request.id(), clock.instant())).as("reminder, escalation, expiry").isEqualTo(3);

        assertThat(approval).isEnded().hasPassed("Task_ExpireApproval", "Event_ApprovalExpired")
                .hasNotPassed("Task_ConcludeApproval");
        assertThat(process).isEnded().hasPassed("Task_CloseRequest", "Event_AccessNotApproved");
        fixture.as(cast.requester());
        AccessRequest expired = requests.get(request.id());
        assertThat(expired.status()).isEqualTo(AccessRequestStatus.EXPIRED);
        assertThat(expired.approval().status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(grants.mine()).noneMatch(g -> g.key().equals(key));
        fixture.as(cast.owner());
        assertThat(approvals.inbox()).noneMatch(i -> i.subjectId().equals(request.id()));
    }

    @Test
    void theOwnerRevokesEarlyAndTheProcessEndsWithoutWaitingForTheEndDate() {
        String key = fixture.activeKey(Sensitivity.MEDIUM, cast.owner(), cast.officer1());
        AccessRequest request = fixture.request(cast.requester(), key);
        ProcessInstance process = process(request.id());
        fixture.decide(cast.manager(), request.id(), Decision.APPROVE, null);
        fixture.decide(cast.owner(), request.id(), Decision.APPROVE, null);
        workflows.runDueJobs();
        fixture.as(cast.requester());
        String grantId = requests.get(request.id()).grantId();
        assertThatThrownBy(() -> grants.revoke(grantId, "I want to")).isInstanceOf(AccessDeniedException.class);

        fixture.as(cast.owner());
        Grant revoked = grants.revoke(grantId, "Batch moved to the tokenisation service.");
        assertThat(revoked.status()).isEqualTo(GrantStatus.REVOKED);
        assertThat(revoked.activeAt(clock.instant())).isFalse();
        assertThat(revoked.endedBy()).isEqualTo(cast.owner());
        assertThat(process).isEnded().hasPassed("Event_GrantRevoked", "Event_AccessRevoked")
                .hasNotPassed("Task_ExpireGrant");
        assertThat(workflows.timers(request.id())).isEmpty();
        assertThatThrownBy(() -> grants.revoke(grantId, "again")).isInstanceOf(IllegalStateException.class);
        audit.sealAll();
        assertThat(audit.entries("access.grant.revoked")).anyMatch(e -> e.get("target_id").equals(grantId));
    }

    @Test
    void aDecisionStaysVerifiedAfterTheApproverRemovesThePasskeyThatSignedIt() {
        String key = fixture.activeKey(Sensitivity.MEDIUM, cast.owner(), cast.officer1());
        AccessRequest request = fixture.request(cast.requester(), key);
        fixture.withPasskey(cast.manager()); // a second device; the decision is signed with it
        fixture.decide(cast.manager(), request.id(), Decision.APPROVE, null);
        fixture.as(cast.manager());
        passkeys.remove(fixture.passkey(cast.manager()).credentialId());

        fixture.decide(cast.owner(), request.id(), Decision.APPROVE, null);
        workflows.runDueJobs();

        fixture.as(cast.requester());
        AccessRequest granted = requests.get(request.id());
        assertThat(granted.status()).isEqualTo(AccessRequestStatus.GRANTED);
        assertThat(granted.approval().slots().get(0).decision().verification())
                .isEqualTo("signature verified (with a passkey since removed)");
        audit.sealAll();
        assertThat(audit.entries("identity.passkey.removed")).anyMatch(e -> e.get("target_id")
                .equals(fixture.passkey(cast.manager()).credentialId()) && String.valueOf(e.get("details")).contains("publicKeySha256"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"document", "signature", "decision"})
    void aTamperedDecisionFailsVerificationAndBlocksProvisioning(String tampered) {
        String key = fixture.activeKey(Sensitivity.MEDIUM, cast.owner(), cast.officer1());
        AccessRequest request = fixture.request(cast.requester(), key);
        ProcessInstance process = process(request.id());
        fixture.decide(cast.manager(), request.id(), Decision.APPROVE, null);
        fixture.decide(cast.owner(), request.id(), Decision.APPROVE, null);
        String sql = switch (tampered) {
            case "document" -> "update approvals_decision set document = replace(document, '\"days\":5', '\"days\":90') where approver = ?";
            case "signature" -> "update approvals_decision set signature = concat('AAAA', substring(signature, 5)) where approver = ?";
            default -> "update approvals_decision set comment = 'approved for a year' where approver = ?";
        };
        assertThat(jdbc.update(sql, cast.owner())).isEqualTo(1);

        workflows.runDueJobs();

        assertThat(process).isEnded().hasPassed("Task_RecordRefusal", "Event_AccessRefused");
        fixture.as(cast.requester());
        AccessRequest refused = requests.get(request.id());
        assertThat(refused.status()).isEqualTo(AccessRequestStatus.REFUSED);
        assertThat(refused.outcome()).contains("decision of " + cast.owner(), "does not verify");
        assertThat(refused.approval().allDecisionsVerified()).isFalse();
        assertThat(refused.grantId()).isNull();
        assertThat(grants.mine()).noneMatch(g -> g.key().equals(key));
        audit.sealAll();
        assertThat(audit.entries("access.request.closed")).anyMatch(e -> e.get("target_id").equals(request.id())
                && "DENIED".equals(e.get("outcome")));
    }

    /**
     * The process instance with this business key (a request's, or its approval's), captured while it runs (the
     * assertions then work after it ends, too).
     */
    private ProcessInstance process(String businessKey) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).singleResult();
    }
}
