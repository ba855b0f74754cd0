package dev.keyward.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.access.AccessFixture;
import dev.keyward.access.AccessFixture.Cast;
import dev.keyward.access.AccessPolicyService;
import dev.keyward.access.AccessRequestService;
import dev.keyward.access.NewAccessRequest;
import dev.keyward.access.Permission;
import dev.keyward.crypto.CryptoFixture;
import dev.keyward.identity.RoleRequest;
import dev.keyward.identity.RoleRequestService;
import dev.keyward.identity.Roles;
import dev.keyward.keys.Destruction;
import dev.keyward.keys.KeyDestructionService;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.KeyRetirementService;
import dev.keyward.keys.KeyRotationService;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.KeyStateRequestService;
import dev.keyward.keys.Retirement;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A requester withdraws their own pending request of any kind: the engine ends the case WITHDRAWN, it leaves the
 * approvers' inboxes, and the subject closes as withdrawn, nothing done.
 */
class WithdrawalTest extends IntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    AccessFixture fixture;
    @Autowired
    CryptoFixture crypto;
    @Autowired
    TestPeople people;
    @Autowired
    ApprovalService approvals;
    @Autowired
    AccessRequestService accessRequests;
    @Autowired
    AccessPolicyService policy;
    @Autowired
    RoleRequestService roleRequests;
    @Autowired
    KeyRotationService rotations;
    @Autowired
    KeyRetirementService retirements;
    @Autowired
    KeyStateRequestService stateRequests;
    @Autowired
    KeyDestructionService destructions;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void everyKindOfRequestCanBeWithdrawnByItsRequesterAndEndsWithNothingDone() throws Exception {
        Cast cast = fixture.cast();
        String alias = crypto.key(cast, "AES_256", KeyPurpose.ENCRYPT, Sensitivity.MEDIUM);

        fixture.as(cast.requester());
        policy.acknowledge(policy.current().version());
        String access = accessRequests.submit(new NewAccessRequest(alias, Set.of(Permission.USE_ENCRYPT), null,
                AccessFixture.JUSTIFICATION, 30, null)).id();
        withdraw(cast.requester(), "access_request", access, cast.manager(), "nothing was granted");

        fixture.as(cast.owner());
        String rotation = rotations.request(alias, "Rotate ahead of the audit.").id();
        withdraw(cast.owner(), "keys_rotation", rotation, cast.officer1(), "the key was not rotated");

        fixture.as(cast.officer1());
        String state = stateRequests.request(alias, KeyState.DEACTIVATED, "The service moves elsewhere.").id();
        withdraw(cast.officer1(), "keys_state_request", state, cast.owner(), "the key stays ACTIVE");

        fixture.as(cast.owner());
        String destruction = destructions.request(alias, new Destruction.Request("Nobody uses it.", null, null)).id();
        withdraw(cast.owner(), "keys_destruction", destruction, cast.officer1(), "the key was kept");

        crypto.rotate(cast, alias);
        fixture.as(cast.owner());
        String retirement = retirements.request(alias, 1, new Retirement.Request("Rewrapped.", null)).id();
        withdraw(cast.owner(), "keys_retirement", retirement, cast.officer1(), "the version was kept");

        String candidate = people.create("candidate");
        people.signIn("frank");
        RoleRequest role = roleRequests.request(candidate, Roles.ADMIN, "Joins the platform team.");
        SecurityContextHolder.clearContext();
        mvc.perform(post("/api/v1/approvals/{id}/withdrawal", role.approvalId())
                        .header("Authorization", DemoTokens.bearer(DemoTokens.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("WITHDRAWN"))
                .andExpect(jsonPath("$.subjectType").value("role-grant"));
        assertThat(roleRequests.get(role.id()).status().name()).isEqualTo("WITHDRAWN");
        assertThat(roleRequests.get(role.id()).outcome()).isEqualTo("Withdrawn by frank; the role was not given.");
        mvc.perform(post("/api/v1/approvals/{id}/withdrawal", role.approvalId())
                        .header("Authorization", DemoTokens.bearer(DemoTokens.ADMIN)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("This request is withdrawn already; only a pending one can be withdrawn."));
        assertThat(keyState(alias)).isEqualTo("ACTIVE");
    }

    @Test
    void onlyTheRequesterWithdraws() throws Exception {
        Cast cast = fixture.cast();
        String alias = crypto.key(cast, "AES_256", KeyPurpose.ENCRYPT, Sensitivity.LOW);
        fixture.as(cast.owner());
        String rotation = rotations.request(alias, "Rotate ahead of the audit.").id();
        String approvalId = approvalOf("keys_rotation", rotation);
        fixture.as(cast.officer1());
        assertThatThrownBy(() -> approvals.withdraw(approvalId)).isInstanceOf(AccessDeniedException.class)
                .hasMessage("Only " + cast.owner() + ", who asked for this, can withdraw it.");
        mvc.perform(post("/api/v1/approvals/{id}/withdrawal", approvalId)
                        .header("Authorization", DemoTokens.bearer(DemoTokens.ADMIN)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/approvals/{id}/withdrawal", "no-such-case")
                        .header("Authorization", DemoTokens.bearer(DemoTokens.ADMIN)))
                .andExpect(status().isNotFound());
        fixture.as(cast.owner());
        approvals.withdraw(approvalId);
    }

    /** {@code requester} withdraws; the approver no longer sees it, and the subject's row says what did not happen. */
    private void withdraw(String requester, String table, String subjectId, String approver, String nothingDone) {
        String approvalId = approvalOf(table, subjectId);
        fixture.as(approver);
        assertThat(approvals.inbox()).as(table + " waits for " + approver).anyMatch(i -> i.approvalId().equals(approvalId));
        fixture.as(requester);
        assertThat(approvals.withdraw(approvalId).status()).isEqualTo(ApprovalStatus.WITHDRAWN);
        fixture.as(approver);
        assertThat(approvals.inbox()).as(table + " left the inbox").noneMatch(i -> i.approvalId().equals(approvalId));
        assertThat(jdbc.queryForMap("select status, outcome from " + table + " where id = ?", subjectId))
                .containsEntry("status", "WITHDRAWN")
                .containsEntry("outcome", "Withdrawn by " + requester + "; " + nothingDone + ".");
    }

    private String approvalOf(String table, String subjectId) {
        return jdbc.queryForObject("select approval_id from " + table + " where id = ?", String.class, subjectId);
    }

    private String keyState(String alias) {
        return jdbc.queryForObject("select state from keys_managed_key where alias = ?", String.class, alias);
    }
}
