package dev.keyward.privileges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.access.AccessFixture;
import dev.keyward.approvals.Approval;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.ApprovalStatus;
import dev.keyward.approvals.Decision;
import dev.keyward.approvals.DecisionRefusedException;
import dev.keyward.approvals.SlotKind;
import dev.keyward.audit.AuditTestSupport;
import dev.keyward.identity.RoleRequest;
import dev.keyward.identity.RoleRequestService;
import dev.keyward.identity.RoleRequestStatus;
import dev.keyward.identity.Roles;
import dev.keyward.identity.internal.PersonRepository;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import dev.keyward.support.Workflows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Privileged roles by dual control, on the real engine (bpmn/RoleGrant.bpmn calling bpmn/Approval.bpmn): an
 * administrator's word alone gives nobody SECURITY_OFFICER, AUDITOR or ADMIN; two security officers or administrators,
 * neither the requester nor the person, must sign.
 */
class RoleGrantTest extends IntegrationTest {

    private static final String REASON = "Joins the key custody team after the audit.";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestPeople people;
    @Autowired
    AccessFixture fixture;
    @Autowired
    RoleRequestService roleRequests;
    @Autowired
    ApprovalService approvals;
    @Autowired
    PersonRepository directory;
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
    void aNewPersonIsAnEmployeeUntilTwoOfficersApproveTheRoleTheAdministratorAskedFor() throws Exception {
        String officer1 = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));
        String officer2 = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));
        String username = "heidi-" + Long.toString(System.nanoTime(), 36);
        asAdmin(post("/api/v1/people"), "{\"username\":\"" + username + "\",\"displayName\":\"Heidi Hahn\","
                + "\"email\":\"heidi@example.test\",\"roles\":[\"SECURITY_OFFICER\"],\"password\":\"a long enough password\","
                + "\"reason\":\"" + REASON + "\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.username").value(username))
                .andExpect(jsonPath("$.roles").value(org.hamcrest.Matchers.contains("EMPLOYEE")))
                .andExpect(jsonPath("$.pendingRoleRequests[0].role").value("SECURITY_OFFICER"))
                .andExpect(jsonPath("$.pendingRoleRequests[0].requester").value("frank"));
        assertThat(roles(username)).containsExactly(Roles.EMPLOYEE);

        RoleRequest request = pending(username);
        Approval approval = approvals.get(request.approvalId());
        assertThat(approval.subjectType()).isEqualTo("role-grant");
        assertThat(approval.slots()).extracting(Approval.Slot::kind)
                .containsExactly(SlotKind.OFFICER_OR_ADMIN, SlotKind.OFFICER_OR_ADMIN);
        assertThat(approval.facts()).containsEntry("role", "SECURITY_OFFICER").containsEntry("reason", REASON);
        assertThat(approval.summary()).isEqualTo("frank asks for Security officer for Heidi Hahn (" + username + ")");

        fixture.decide(officer1, request.id(), Decision.APPROVE, null);
        assertThat(roles(username)).as("one approval is not enough").containsExactly(Roles.EMPLOYEE);
        fixture.decide(officer2, request.id(), Decision.APPROVE, null);
        workflows.runDueJobs();

        assertThat(roles(username)).containsExactlyInAnyOrder(Roles.EMPLOYEE, Roles.SECURITY_OFFICER);
        assertThat(roleRequests.get(request.id()).status()).isEqualTo(RoleRequestStatus.GRANTED);
        audit.sealAll();
        assertThat(jdbc.queryForList("select action from audit_entry where target_type = 'person' and target_id = ? "
                + "order by seq", String.class, username)).containsExactly("identity.person.added",
                "identity.role.requested", "identity.person.roles-changed", "identity.role.request-closed");
    }

    @Test
    void aRejectionGivesNothingAndSaysWhy() throws Exception {
        String officer = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));
        String person = people.create("candidate");
        asAdmin(put("/api/v1/people/{u}/roles", person), "{\"roles\":[\"AUDITOR\"],\"reason\":\"" + REASON + "\"}")
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.pendingRoleRequests[0].role").value("AUDITOR"));
        RoleRequest request = pending(person);
        fixture.decide(officer, request.id(), Decision.REJECT, "Auditors come from Internal Audit.");
        workflows.runDueJobs();
        assertThat(roles(person)).containsExactly(Roles.EMPLOYEE);
        RoleRequest closed = roleRequests.get(request.id());
        assertThat(closed.status()).isEqualTo(RoleRequestStatus.REJECTED);
        assertThat(closed.outcome()).isEqualTo("Rejected by " + officer + ": Auditors come from Internal Audit.");
    }

    @Test
    void nobodyDecidesTheirOwnRoleAndNoAdministratorCompletesOneAlone() {
        String admin = fixture.withPasskey(people.create("admin", Roles.ADMIN));
        String otherAdmin = fixture.withPasskey(people.create("admin", Roles.ADMIN));
        String person = fixture.withPasskey(people.create("candidate", Roles.ADMIN));
        people.signIn(admin);
        RoleRequest request = roleRequests.request(person, Roles.SECURITY_OFFICER, REASON);
        String slot = approvals.get(request.approvalId()).slots().get(0).id();

        fixture.as(admin);
        assertThatThrownBy(() -> approvals.prepare(slot, Decision.APPROVE, null)).as("the requester")
                .isInstanceOf(DecisionRefusedException.class).hasMessage("You asked for this; somebody else has to decide it.");
        fixture.as(person);
        assertThatThrownBy(() -> approvals.prepare(slot, Decision.APPROVE, null)).as("the person concerned")
                .isInstanceOf(DecisionRefusedException.class)
                .hasMessage("This role would be yours; somebody else has to decide it.");
        fixture.as(admin);
        assertThat(approvals.inbox()).noneMatch(i -> i.subjectId().equals(request.id()));

        fixture.decide(otherAdmin, request.id(), Decision.APPROVE, null);
        fixture.as(otherAdmin);
        assertThat(approvals.inbox()).as("one person, one slot").noneMatch(i -> i.subjectId().equals(request.id()));
        String second = approvals.get(request.approvalId()).slots().get(1).id();
        assertThatThrownBy(() -> approvals.prepare(second, Decision.APPROVE, null))
                .isInstanceOf(DecisionRefusedException.class)
                .hasMessage("You have already decided on this approval; every slot needs a different person.");
        String employee = fixture.withPasskey(people.create("employee"));
        fixture.as(employee);
        assertThatThrownBy(() -> approvals.prepare(second, Decision.APPROVE, null))
                .isInstanceOf(DecisionRefusedException.class)
                .hasMessage("Only a security officer or an administrator can fill this slot.");
        workflows.runDueJobs();
        assertThat(roles(person)).doesNotContain(Roles.SECURITY_OFFICER);
        assertThat(approvals.get(request.approvalId()).status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void anUndecidedRequestExpires() {
        String person = people.create("candidate");
        people.signIn("frank");
        RoleRequest request = roleRequests.request(person, Roles.ADMIN, REASON);
        clock.set(approvals.get(request.approvalId()).expireAt().plusSeconds(1));
        workflows.fireTimersDueBy(request.id(), clock.instant());
        assertThat(roleRequests.get(request.id()).status()).isEqualTo(RoleRequestStatus.EXPIRED);
        assertThat(roles(person)).containsExactly(Roles.EMPLOYEE);
    }

    @Test
    void anApprovedRoleIsNotAppliedToSomebodyWhoLeftMeanwhile() throws Exception {
        String officer1 = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));
        String officer2 = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));
        String person = people.create("candidate");
        people.signIn("frank");
        RoleRequest request = roleRequests.request(person, Roles.ADMIN, REASON);
        fixture.decide(officer1, request.id(), Decision.APPROVE, null);
        fixture.decide(officer2, request.id(), Decision.APPROVE, null);
        asAdmin(put("/api/v1/people/{u}/status", person), "{\"status\":\"LEFT\"}").andExpect(status().isOk());
        workflows.runDueJobs();
        RoleRequest closed = roleRequests.get(request.id());
        assertThat(closed.status()).isEqualTo(RoleRequestStatus.REFUSED);
        assertThat(closed.outcome()).isEqualTo("Approved, but not applied: " + person + " is no longer active.");
        assertThat(roles(person)).containsExactly(Roles.EMPLOYEE);
    }

    @Test
    void badRoleRequestsAreRefusedAndChangeNothing() throws Exception {
        String person = people.create("candidate");
        String officer = people.create("officer", Roles.SECURITY_OFFICER);
        asAdmin(put("/api/v1/people/{u}/roles", person), "{\"roles\":[\"ADMIN\"]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("reason"))
                .andExpect(jsonPath("$.detail").value("Say why " + person + " needs Admin: the approvers read it."));
        asAdmin(put("/api/v1/people/{u}/roles", "frank"), "{\"roles\":[\"ADMIN\",\"SECURITY_OFFICER\"],\"reason\":\"x\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("You cannot change your own roles; ask another administrator."));
        asAdmin(put("/api/v1/people/{u}/roles", officer), "{\"roles\":[\"SECURITY_OFFICER\",\"AUDITOR\"],\"reason\":\"x\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(officer + " would be both auditor and security officer; auditors "
                        + "check what officers approve, so one person is never both."));
        asAdmin(post("/api/v1/people"), "{\"username\":\"nobody-" + Long.toString(System.nanoTime(), 36)
                + "\",\"displayName\":\"No Body\",\"email\":\"nobody@example.test\",\"roles\":[\"AUDITOR\"]}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("reason"));
        assertThat(jdbc.queryForObject("select count(*) from identity_person where display_name = 'No Body'", Integer.class))
                .as("the person was not added without their role's reason").isZero();

        asAdmin(put("/api/v1/people/{u}/roles", person), "{\"roles\":[\"ADMIN\"],\"reason\":\"" + REASON + "\"}")
                .andExpect(status().isAccepted());
        asAdmin(put("/api/v1/people/{u}/roles", person), "{\"roles\":[\"ADMIN\"],\"reason\":\"" + REASON + "\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.pendingRoleRequests.length()").value(1));
        people.signIn("frank");
        assertThatThrownBy(() -> roleRequests.request(person, Roles.ADMIN, REASON))
                .hasMessage("A request for Admin for " + person + " is already waiting for approval.");
        assertThatThrownBy(() -> roleRequests.request("frank", Roles.SECURITY_OFFICER, REASON))
                .hasMessage("You cannot ask for a role for yourself; another administrator has to.");
        assertThat(roles(person)).containsExactly(Roles.EMPLOYEE);
        assertThat(roles(officer)).containsExactlyInAnyOrder(Roles.EMPLOYEE, Roles.SECURITY_OFFICER);
    }

    @Test
    void somebodyWhoLeavesLosesTheirPrivilegedRolesAndComesBackAnEmployee() throws Exception {
        for (String status : new String[] {"LEFT", "SUSPENDED"}) {
            String officer = people.create("officer", Roles.SECURITY_OFFICER);
            asAdmin(put("/api/v1/people/{u}/status", officer), "{\"status\":\"" + status + "\"}").andExpect(status().isOk())
                    .andExpect(jsonPath("$.roles").value(org.hamcrest.Matchers.contains("EMPLOYEE")));
            asAdmin(put("/api/v1/people/{u}/status", officer), "{\"status\":\"ACTIVE\"}").andExpect(status().isOk())
                    .andExpect(jsonPath("$.roles").value(org.hamcrest.Matchers.contains("EMPLOYEE")));
            assertThat(roles(officer)).as("back from " + status + " on one administrator's word").containsExactly(Roles.EMPLOYEE);
            audit.sealAll();
            assertThat(jdbc.queryForList("select action from audit_entry where target_type = 'person' and target_id = ? "
                    + "order by seq", String.class, officer)).containsSubsequence("identity.person.status-changed",
                    "identity.person.roles-changed", "identity.person.status-changed");
        }
    }

    @Test
    void identityAppliesNoRoleWithoutTheEnginesAuthorizationOfThatVeryRequest() {
        String officer1 = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));
        String officer2 = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));
        String person = people.create("candidate");
        String other = people.create("candidate");
        people.signIn("frank");
        RoleRequest request = roleRequests.request(person, Roles.ADMIN, REASON);
        RoleRequest otherRequest = roleRequests.request(other, Roles.ADMIN, REASON);

        assertThat(roleRequests.grant(request.id())).as("called directly, before anybody approved")
                .contains("The approval is PENDING, not APPROVED.");
        assertThatThrownBy(() -> roleRequests.attachApproval(request.id(), otherRequest.approvalId()))
                .as("another request's approval").hasMessage("Role request " + request.id() + " has its approval already.");
        fixture.decide(officer1, otherRequest.id(), Decision.APPROVE, null);
        fixture.decide(officer2, otherRequest.id(), Decision.APPROVE, null);
        jdbc.update("update identity_role_request set approval_id = ? where id = ?", otherRequest.approvalId(), request.id());
        assertThat(roleRequests.grant(request.id())).as("an approval of another person's request")
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("Approval " + otherRequest.approvalId()
                        + " decided role-grant " + otherRequest.id() + ", not role-grant " + request.id()));
        assertThat(roles(person)).containsExactly(Roles.EMPLOYEE);
        workflows.runDueJobs();
        assertThat(roles(other)).as("the approved one").containsExactlyInAnyOrder(Roles.EMPLOYEE, Roles.ADMIN);
    }

    @Test
    void takingAPrivilegedRoleAwayIsImmediate() throws Exception {
        String officer = people.create("officer", Roles.SECURITY_OFFICER);
        asAdmin(put("/api/v1/people/{u}/roles", officer), "{\"roles\":[]}").andExpect(status().isOk())
                .andExpect(jsonPath("$.roles").value(org.hamcrest.Matchers.contains("EMPLOYEE")));
        assertThat(roles(officer)).containsExactly(Roles.EMPLOYEE);
    }

    private RoleRequest pending(String username) {
        people.signIn("frank");
        return roleRequests.pendingFor(username).get(0);
    }

    private java.util.Set<String> roles(String username) {
        return directory.findByUsername(username).orElseThrow().getRoles();
    }

    private ResultActions asAdmin(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
                                  String body) throws Exception {
        return mvc.perform(request.header("Authorization", DemoTokens.bearer(DemoTokens.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
