package dev.keyward.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.access.AccessFixture;
import dev.keyward.approvals.Approval;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.Decision;
import dev.keyward.approvals.SlotKind;
import dev.keyward.identity.Roles;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Moves that widen use or lose data (re-activating a suspended key, deactivating one) on the real engine
 * (bpmn/KeyStateChange.bpmn calling bpmn/Approval.bpmn); moves that only narrow use stay immediate.
 */
class KeyStateRequestTest extends IntegrationTest {

    @Autowired
    KeyStateRequestService requests;
    @Autowired
    KeyService keys;
    @Autowired
    ApprovalService approvals;
    @Autowired
    AccessFixture fixture;
    @Autowired
    TestPeople people;
    @Autowired
    MockMvc mvc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theOwnerSuspendsAloneAndTheReviewItOpensReactivatesOnceTheirManagerAndAnOfficerApprove() throws Exception {
        String manager = fixture.withPasskey(people.create("manager"));
        String owner = fixture.withPasskey(people.createReportingTo("owner", manager));
        String officer = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));
        String alias = key(owner, officer);
        fixture.as(owner);
        assertThat(keys.transition(alias, KeyState.SUSPENDED, "Investigating a leak report.").state())
                .as("narrowing use is immediate").isEqualTo(KeyState.SUSPENDED);
        assertThatThrownBy(() -> keys.transition(alias, KeyState.ACTIVE, "false alarm"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("Re-activating a key is an approved change");

        StateRequest asked = requests.log(alias).get(0);
        assertThat(asked.status()).as("the suspension opened its follow-up review").isEqualTo(StateRequest.Status.PENDING);
        assertThat(asked.from()).isEqualTo(KeyState.SUSPENDED);
        assertThat(asked.to()).isEqualTo(KeyState.ACTIVE);
        assertThat(asked.requester()).isEqualTo(owner);
        assertThat(asked.reason()).isEqualTo("Review of the suspension: Investigating a leak report.");
        assertThatThrownBy(() -> requests.request(alias, KeyState.ACTIVE, "again"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is already asked");
        Approval approval = approvals.get(asked.approvalId());
        assertThat(approval.slots()).extracting(Approval.Slot::kind).containsExactly(SlotKind.KEY_OWNER, SlotKind.SECURITY_OFFICER);
        assertThat(approval.slots().get(0).approver()).as("the owner asked: their manager decides").isEqualTo(manager);
        assertThat(keys.get(alias).state()).isEqualTo(KeyState.SUSPENDED);
        fixture.decide(manager, asked.id(), Decision.APPROVE, null);
        fixture.decide(officer, asked.id(), Decision.APPROVE, null);

        fixture.as(owner);
        assertThat(keys.get(alias).state()).isEqualTo(KeyState.ACTIVE);
        assertThat(requests.log(alias).get(0).status()).isEqualTo(StateRequest.Status.DONE);
        assertThat(requests.log(alias).get(0).approvers()).extracting(ChangeApprover::username).containsExactly(manager, officer);
        ManagedKey.StateChange last = keys.get(alias).history().get(keys.get(alias).history().size() - 1);
        assertThat(last.by()).isEqualTo("keyward-approval");
        assertThat(last.reason()).isEqualTo("Approved: Review of the suspension: Investigating a leak report.");
    }

    @Test
    void aRejectedDeactivationKeepsTheKeyAndAMoveMeanwhileRefusesTheApprovedOne() {
        String owner = fixture.withPasskey(people.create("owner"));
        String officer = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));
        String second = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));
        String alias = key(owner, officer);
        fixture.as(officer);
        StateRequest asked = requests.request(alias, KeyState.DEACTIVATED, "The service moves to orders-dek.");
        fixture.decide(owner, asked.id(), Decision.REJECT, "The migration slipped to March.");
        fixture.as(owner);
        assertThat(requests.log(alias).get(0).status()).isEqualTo(StateRequest.Status.REJECTED);
        assertThat(requests.log(alias).get(0).outcome()).isEqualTo("Rejected by " + owner + ": The migration slipped to March.");
        assertThat(keys.get(alias).state()).isEqualTo(KeyState.ACTIVE);

        fixture.as(officer);
        StateRequest again = requests.request(alias, KeyState.DEACTIVATED, "The migration is done.");
        fixture.as(owner);
        keys.transition(alias, KeyState.SUSPENDED, "pause");
        fixture.decide(owner, again.id(), Decision.APPROVE, null);
        fixture.decide(second, again.id(), Decision.APPROVE, null);
        fixture.as(owner);
        StateRequest refused = requests.log(alias).stream().filter(r -> r.id().equals(again.id())).findFirst().orElseThrow();
        assertThat(refused.status()).isEqualTo(StateRequest.Status.REFUSED);
        assertThat(refused.outcome()).isEqualTo("Approved, but not done: " + alias + " is SUSPENDED now, no longer ACTIVE.");
        assertThat(keys.get(alias).state()).isEqualTo(KeyState.SUSPENDED);
    }

    @Test
    void badRequestsAreRefusedClearly() throws Exception {
        String owner = fixture.withPasskey(people.create("owner"));
        String officer = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));
        String alias = key(owner, officer);
        String dave = DemoTokens.bearer(DemoTokens.SECURITY_OFFICER);
        mvc.perform(post("/api/v1/keys/{a}/state-requests", alias).header("Authorization", dave)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"to\":\"SUSPENDED\",\"reason\":\"pause\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(startsWith("A key in state ACTIVE cannot be moved to SUSPENDED by request")));
        mvc.perform(post("/api/v1/keys/{a}/state-requests", alias).header("Authorization", dave)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"to\":\"DEACTIVATED\",\"reason\":\" \"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("reason"));
        mvc.perform(post("/api/v1/keys/{a}/transitions", alias).header("Authorization", dave)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"to\":\"DEACTIVATED\",\"reason\":\"now\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(startsWith("Deactivating a key is an approved change")));
        mvc.perform(post("/api/v1/keys/{a}/state-requests", alias).header("Authorization", DemoTokens.bearer(DemoTokens.AUDITOR))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"to\":\"DEACTIVATED\",\"reason\":\"audit\"}"))
                .andExpect(status().isForbidden());
        fixture.as(people.create("employee"));
        assertThatThrownBy(() -> requests.request(alias, KeyState.DEACTIVATED, "not mine"))
                .isInstanceOf(AccessDeniedException.class);
        fixture.as(owner);
        assertThat(requests.log(alias)).isEmpty();
        assertThat(keys.get(alias).state()).isEqualTo(KeyState.ACTIVE);
    }

    private String key(String owner, String officer) {
        String alias = "st-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        fixture.as(officer);
        keys.create(new NewKey(alias, "AES_256", KeyPurpose.ENCRYPT, Sensitivity.LOW, owner, null));
        keys.transition(alias, KeyState.ACTIVE, "ready");
        SecurityContextHolder.clearContext();
        return alias;
    }
}
