package dev.keyward.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.access.AccessFixture;
import dev.keyward.access.AccessPolicyService;
import dev.keyward.access.AccessRequest;
import dev.keyward.access.AccessRequestService;
import dev.keyward.access.NewAccessRequest;
import dev.keyward.access.Permission;
import dev.keyward.audit.AuditTestSupport;
import dev.keyward.identity.PasskeyService;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Roles;
import dev.keyward.keys.Sensitivity;
import dev.keyward.recertification.Campaign;
import dev.keyward.recertification.CampaignService;
import dev.keyward.recertification.RecertificationFixture;
import dev.keyward.recertification.ReviewItem;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import dev.keyward.support.Workflows;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The puppet account: an administrator who makes a person with a password they chose and themselves as manager could
 * sign in as that person, ask for access, approve it as manager and keep it in a review. Whoever made an account
 * decides nothing for it until its person signs in with passkeys only.
 */
class AccountMakerTest extends IntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    AccessFixture fixture;
    @Autowired
    TestPeople people;
    @Autowired
    PeopleService directory;
    @Autowired
    ApprovalService approvals;
    @Autowired
    AccessRequestService requests;
    @Autowired
    AccessPolicyService policy;
    @Autowired
    PasskeyService passkeys;
    @Autowired
    RecertificationFixture recert;
    @Autowired
    CampaignService campaigns;
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
    void theAdministratorWhoMadeAnAccountNeitherApprovesNorReviewsForItUntilItsPersonUsesPasskeysOnly() throws Exception {
        String officer = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));
        String owner = fixture.withPasskey(people.create("owner"));
        String alias = fixture.activeKey(Sensitivity.LOW, owner, officer);
        fixture.withPasskey("frank");
        String puppet = "puppet-" + Long.toString(System.nanoTime(), 36);
        mvc.perform(post("/api/v1/people").header("Authorization", DemoTokens.bearer(DemoTokens.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + puppet + "\",\"displayName\":\"Pup Pet\",\"email\":\"pup@example.test\","
                                + "\"manager\":\"frank\",\"password\":\"a password frank chose\"}"))
                .andExpect(status().isCreated());
        audit.sealAll();
        assertThat(jdbc.queryForObject("select details from audit_entry where action = 'identity.person.added' "
                + "and target_id = ?", String.class, puppet)).contains("\"manager\":\"frank\"").contains("\"passwordSet\":true");

        AccessRequest asked = ask(puppet, alias);
        Approval approval = approvals.get(approvalOf(asked));
        assertThat(approval.conflicted()).containsKey("frank");
        assertThat(approval.slots().get(0).approver()).as("the manager slot goes to the officers").isNull();
        assertThat(approval.slots().get(0).routedReason()).isEqualTo("The manager frank is concerned by it and may not decide.");
        fixture.as("frank");
        String slot = approval.slots().get(0).id();
        assertThatThrownBy(() -> approvals.prepare(slot, Decision.APPROVE, null)).as("refused at the approval")
                .isInstanceOf(DecisionRefusedException.class)
                .hasMessage("You made " + puppet + "'s account and chose its password; somebody else decides for them "
                        + "until they sign in with passkeys only.");

        fixture.decide(officer, asked.id(), Decision.APPROVE, null);
        workflows.runJobsOf(asked.id());
        Campaign campaign = recert.launch(officer, RecertificationFixture.overKeys("Puppet check", "MANAGER", List.of(alias)));
        List<ReviewItem> items = recert.pendingOf(officer, campaign.id());
        assertThat(items).as("refused at the review: the officers review it").singleElement().satisfies(item -> {
            assertThat(item.reviewer()).isNull();
            assertThat(item.routedReason()).containsIgnoringCase("frank made " + puppet + "'s account and may know its password");
        });
        assertThat(recert.pendingOf("frank", campaign.id())).isEmpty();
        fixture.as(officer);
        campaigns.close(campaign.id());

        fixture.withPasskey(puppet);
        fixture.as(puppet);
        passkeys.removePassword();
        assertThat(directory.makersOf(puppet)).as("passkeys only: frank can no longer sign in as them").isEmpty();
        assertThatThrownBy(() -> passkeys.removePassword()).hasMessage("You have no password; you sign in with passkeys only already.");
        AccessRequest again = ask(puppet, alias);
        assertThat(approvals.get(approvalOf(again)).slots().get(0).approver()).isEqualTo("frank");
        fixture.decide("frank", again.id(), Decision.REJECT, "One grant is enough.");
    }

    private AccessRequest ask(String who, String alias) {
        fixture.as(who);
        policy.acknowledge(policy.current().version());
        return requests.submit(new NewAccessRequest(alias, Set.of(Permission.USE_ENCRYPT), null,
                AccessFixture.JUSTIFICATION, 30, null));
    }

    private String approvalOf(AccessRequest request) {
        return jdbc.queryForObject("select approval_id from access_request where id = ?", String.class, request.id());
    }
}
