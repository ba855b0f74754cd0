package dev.keyward.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyward.access.AccessFixture.Cast;
import dev.keyward.approvals.Approval;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.Decision;
import dev.keyward.approvals.DecisionRefusedException;
import dev.keyward.approvals.PreparedDecision;
import dev.keyward.approvals.SlotKind;
import dev.keyward.audit.AuditTestSupport;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.PersonStatus;
import dev.keyward.identity.Roles;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Separation of duties in approvals: nobody approves their own request, one person fills one slot, only active
 * people decide, missing or unfit approvers route the slot to the security officers, and crafted decisions
 * (someone else's slot, reference or passkey, a signature over something else) are refused and audited.
 */
class SeparationOfDutiesTest extends IntegrationTest {

    @Autowired
    AccessFixture fixture;
    @Autowired
    TestPeople people;
    @Autowired
    ApprovalService approvals;
    @Autowired
    PeopleService peopleService;
    @Autowired
    AuditTestSupport audit;

    Cast cast;

    @BeforeEach
    void setUp() {
        cast = fixture.cast();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aSecurityOfficerCannotApproveTheirOwnRequest() {
        String officer = fixture.withPasskey(people.createReportingTo("officer-requester", cast.manager(), Roles.SECURITY_OFFICER));
        String key = fixture.activeKey(Sensitivity.HIGH, cast.owner(), cast.officer1());
        AccessRequest request = fixture.request(officer, key);
        fixture.as(officer);
        assertThat(approvals.inbox()).noneMatch(i -> i.subjectId().equals(request.id()));
        String officerSlot = slot(request, SlotKind.SECURITY_OFFICER).id();
        assertThatThrownBy(() -> approvals.prepare(officerSlot, Decision.APPROVE, null))
                .isInstanceOf(DecisionRefusedException.class).hasMessage("You made this request; somebody else has to decide it.");
        audit.sealAll();
        assertThat(audit.entries("approvals.decision.refused")).anyMatch(e -> e.get("target_id").equals(request.approval().id())
                && "DENIED".equals(e.get("outcome")));
    }

    @Test
    void auditorsNeitherApproveNorRequestAccess() {
        String auditingOfficer = fixture.withPasskey(people.create("auditing-officer", Roles.SECURITY_OFFICER, Roles.AUDITOR));
        String key = fixture.activeKey(Sensitivity.HIGH, cast.owner(), cast.officer1());
        AccessRequest request = fixture.request(cast.requester(), key);
        String officerSlot = slot(request, SlotKind.SECURITY_OFFICER).id();

        fixture.as(cast.officer1());
        assertThat(approvals.inbox()).as("a security officer is asked").anyMatch(i -> i.slotId().equals(officerSlot));
        fixture.as(auditingOfficer);
        assertThat(approvals.inbox()).as("an auditor is not, even one who is also an officer")
                .noneMatch(i -> i.subjectId().equals(request.id()));
        assertThatThrownBy(() -> approvals.prepare(officerSlot, Decision.APPROVE, null))
                .isInstanceOf(DecisionRefusedException.class).hasMessage("Auditors verify approvals; they do not make them.");

        String auditor = people.create("auditor", Roles.AUDITOR);
        assertThatThrownBy(() -> fixture.request(auditor, key)).isInstanceOf(AccessDeniedException.class)
                .hasMessage("Auditors verify who uses keys; they do not request key access themselves.");
    }

    @Test
    void oneManagerWhoAlsoOwnsTheKeyFillsOnlyOneSlot() {
        String key = fixture.activeKey(Sensitivity.MEDIUM, cast.manager(), cast.officer1());
        AccessRequest request = fixture.request(cast.requester(), key);
        Approval.Slot ownerSlot = slot(request, SlotKind.KEY_OWNER);
        assertThat(ownerSlot.approver()).isNull();
        assertThat(ownerSlot.routedReason()).isEqualTo("The key owner " + cast.manager() + " already fills another slot.");
        fixture.decide(cast.manager(), request.id(), Decision.APPROVE, null);
        fixture.as(cast.manager());
        assertThatThrownBy(() -> approvals.prepare(ownerSlot.id(), Decision.APPROVE, null))
                .hasMessageContaining("You have already decided on this approval");
    }

    @Test
    void twoSecurityOfficerSlotsNeedTwoDistinctOfficers() {
        String key = fixture.activeKey(Sensitivity.CRITICAL, cast.owner(), cast.officer1());
        AccessRequest request = fixture.request(cast.requester(), key);
        assertThat(request.approval().slots()).extracting(Approval.Slot::kind)
                .containsExactly(SlotKind.MANAGER, SlotKind.KEY_OWNER, SlotKind.SECURITY_OFFICER, SlotKind.SECURITY_OFFICER);
        fixture.decide(cast.officer1(), request.id(), Decision.APPROVE, null);
        fixture.as(cast.officer1());
        assertThat(approvals.inbox()).noneMatch(i -> i.subjectId().equals(request.id()));
        String secondOfficerSlot = request.approval().slots().get(3).id();
        assertThatThrownBy(() -> approvals.prepare(secondOfficerSlot, Decision.APPROVE, null))
                .hasMessageContaining("You have already decided on this approval");
        fixture.decide(cast.officer2(), request.id(), Decision.APPROVE, null);
    }

    @Test
    void anApproverWhoLeftCannotDecideAndALeaverIsNotDesignated() {
        String key = fixture.activeKey(Sensitivity.MEDIUM, cast.owner(), cast.officer1());
        String otherKey = fixture.activeKey(Sensitivity.MEDIUM, cast.owner(), cast.officer1());
        AccessRequest request = fixture.request(cast.requester(), key);
        PreparedDecision prepared = prepare(cast.owner(), request);
        leave(cast.owner());
        fixture.as(cast.owner());
        assertThatThrownBy(() -> approvals.decide(prepared.nonce(), fixture.passkey(cast.owner()).sign(prepared)))
                .hasMessageContaining("Only active people can decide");

        AccessRequest later = fixture.request(cast.requester(), otherKey);
        Approval.Slot ownerSlot = slot(later, SlotKind.KEY_OWNER);
        assertThat(ownerSlot.approver()).isNull();
        assertThat(ownerSlot.routedReason()).isEqualTo("The key owner " + cast.owner() + " is not active.");
        assertThat(fixture.slotOf(cast.officer1(), later.id()).kind()).isEqualTo(SlotKind.KEY_OWNER);
    }

    @Test
    void aRequesterWithoutManagerHasTheManagerSlotRoutedToSecurityOfficers() {
        String loner = fixture.withPasskey(people.create("no-manager"));
        String key = fixture.activeKey(Sensitivity.LOW, cast.owner(), cast.officer1());
        AccessRequest request = fixture.request(loner, key);
        Approval.Slot managerSlot = slot(request, SlotKind.MANAGER);
        assertThat(managerSlot.approver()).isNull();
        assertThat(managerSlot.routedReason()).isEqualTo("The requester has no manager in the org chart.");
        fixture.as(cast.manager());
        assertThat(approvals.inbox()).noneMatch(i -> i.subjectId().equals(request.id()));
        fixture.decide(cast.officer2(), request.id(), Decision.APPROVE, null);
    }

    @Test
    void craftedDecisionsAreRefused() {
        String key = fixture.activeKey(Sensitivity.MEDIUM, cast.owner(), cast.officer1());
        AccessRequest request = fixture.request(cast.requester(), key);

        fixture.as(cast.requester());
        String managerSlot = slot(request, SlotKind.MANAGER).id();
        assertThatThrownBy(() -> approvals.prepare(managerSlot, Decision.APPROVE, null))
                .hasMessage("You made this request; somebody else has to decide it.");
        fixture.as(cast.owner());
        assertThatThrownBy(() -> approvals.prepare(managerSlot, Decision.APPROVE, null))
                .hasMessage("This slot is for " + cast.manager() + ".");

        PreparedDecision managers = prepare(cast.manager(), request);
        fixture.as(cast.owner());
        assertThatThrownBy(() -> approvals.decide(managers.nonce(), fixture.passkey(cast.owner()).sign(managers)))
                .as("someone else's reference").isInstanceOf(NoSuchElementException.class);

        fixture.as(cast.manager());
        assertThatThrownBy(() -> approvals.decide(managers.nonce(), fixture.passkey(cast.owner()).sign(managers)))
                .as("someone else's passkey").hasMessageContaining("is not one of " + cast.manager() + "'s");
        assertThatThrownBy(() -> approvals.decide(managers.nonce(),
                fixture.passkey(cast.manager()).assertion(new byte[32])))
                .as("a signature over another document").hasMessageContaining("did not verify");
        assertThatThrownBy(() -> approvals.prepare(managerSlot, Decision.REJECT, " "))
                .as("a rejection needs a reason").isInstanceOf(IllegalArgumentException.class);

        approvals.decide(managers.nonce(), fixture.passkey(cast.manager()).sign(managers));
        assertThat(approvals.get(request.approval().id()).slots().get(0).decision().verified()).isTrue();
        assertThatThrownBy(() -> approvals.decide(managers.nonce(), fixture.passkey(cast.manager()).sign(managers)))
                .as("a reference is used once").isInstanceOf(NoSuchElementException.class);
    }

    private PreparedDecision prepare(String who, AccessRequest request) {
        String slotId = fixture.slotOf(who, request.id()).slotId();
        return approvals.prepare(slotId, Decision.APPROVE, null);
    }

    private void leave(String username) {
        people.signIn("frank");
        peopleService.changeStatus(username, PersonStatus.LEFT);
    }

    private static Approval.Slot slot(AccessRequest request, SlotKind kind) {
        return request.approval().slots().stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
    }
}
