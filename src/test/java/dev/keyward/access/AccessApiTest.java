package dev.keyward.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.approvals.Decision;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import dev.keyward.support.Workflows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The access REST API: a request round trip, and every kind of bad input answered with a clear problem detail
 * and nothing created.
 */
class AccessApiTest extends IntegrationTest {

    static final String JUSTIFICATION = "Signing customer documents for the new onboarding flow.";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestPeople people;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AccessFixture fixture;
    @Autowired
    Workflows workflows;

    String requester;
    String token;

    @BeforeEach
    void aRequesterReportingToBob() {
        requester = people.createReportingTo("api-requester", "bob");
        token = DemoTokens.bearer(people.issueToken(requester));
    }

    @Test
    void aRequestNeedsThePolicyAcknowledgedThenRunsAndIsVisibleToThoseInvolved() throws Exception {
        String body = request("docs-signing", "[\"USE_SIGN\"]", JUSTIFICATION, 30);
        submit(body).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(startsWith("Acknowledge the key-handling policy (version 1)")));
        mvc.perform(get("/api/v1/access-policy").header("Authorization", token))
                .andExpect(status().isOk()).andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.text").value(containsString("PCI DSS 3.7.8")));
        acknowledge(2).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Version 2 is not the policy in force; acknowledge version 1."));
        acknowledge(1).andExpect(status().isCreated());

        String id = submit(body).andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/v1/access-requests/")))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andReturn().getResponse().getHeader("Location").substring("/api/v1/access-requests/".length());
        mvc.perform(get("/api/v1/access-requests/{id}", id).header("Authorization", token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.key").value("docs-signing"))
                .andExpect(jsonPath("$.durationDays").value(30))
                .andExpect(jsonPath("$.approval.slots", hasSize(2)))
                .andExpect(jsonPath("$.approval.slots[1].routedReason").value("The key owner bob already fills another slot."))
                .andExpect(jsonPath("$.timeline[0].who").value(requester));
        mvc.perform(get("/api/v1/access-requests/{id}", id).header("Authorization", DemoTokens.bearer(DemoTokens.AUDITOR)))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/access-requests/{id}", id).header("Authorization", DemoTokens.bearer(DemoTokens.EMPLOYEE)))
                .andExpect(status().isNotFound());

        submit(body).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("already pending (request " + id + ")")))
                .andExpect(jsonPath("$.existing").value("/api/v1/access-requests/" + id));
        mvc.perform(get("/api/v1/grants").param("key", "docs-signing").header("Authorization", token))
                .andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(0)));
    }

    @Test
    void badInputGetsAClearProblemAndCreatesNothing() throws Exception {
        acknowledge(1).andExpect(status().isCreated());
        long before = requests();

        submit(request("no-such-key", "[\"USE_ENCRYPT\"]", JUSTIFICATION, 5)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("No key with alias 'no-such-key'."));
        submit(request("orders-dek", "[\"USE_ENCRYPT\"]", "x".repeat(2001), 5)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The justification has 2001 characters; at most 2000 are allowed."));
        submit(request("orders-dek", "[\"USE_ENCRYPT\"]", "because", 5)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Explain why you need this access in at least 20 characters."));
        submit(request("orders-dek", "[\"USE_ENCRYPT\"]", JUSTIFICATION, 91)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The duration must be 1 to 90 days for orders-dek (MEDIUM), not 91."));
        submit(request("orders-dek", "[\"USE_SIGN\"]", JUSTIFICATION, 5)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("orders-dek is a ENCRYPT key; it can grant only [USE_ENCRYPT, USE_DECRYPT, MANAGE]."));
        submit(request("orders-dek", "[]", JUSTIFICATION, 5)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Choose at least one permission."));
        submit(request("orders-dek", "[\"READ_EVERYTHING\"]", JUSTIFICATION, 5)).andExpect(status().isBadRequest());
        submit(request("logs-dek", "[\"USE_ENCRYPT\"]", JUSTIFICATION, 5)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("Key logs-dek is SUSPENDED; access can be requested only to ACTIVE keys."));
        submit("{\"key\":\"orders-dek\",\"permissions\":[\"USE_ENCRYPT\"],\"beneficiary\":\"alice\",\"justification\":\""
                + JUSTIFICATION + "\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(startsWith("You can request access for yourself or for a service account you own")));
        submit("{\"key\": 12, \"permissions\": ").andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/grants").param("key", "no-such-key").header("Authorization", token))
                .andExpect(status().isNotFound());

        assertThat(requests()).isEqualTo(before);
    }

    @Test
    void theKeysOwnerRevokesThroughTheApiAndOthersCannot() throws Exception {
        var cast = fixture.cast();
        String key = fixture.activeKey(Sensitivity.LOW, cast.owner(), cast.officer1());
        AccessRequest request = fixture.request(cast.requester(), key);
        fixture.decide(cast.manager(), request.id(), Decision.APPROVE, null);
        workflows.runDueJobs();
        SecurityContextHolder.clearContext();
        String grantId = jdbc.queryForObject("select id from access_grant where origin_request = ?", String.class, request.id());

        mvc.perform(post("/api/v1/grants/{id}/revoke", grantId).header("Authorization", DemoTokens.bearer(people.issueToken(cast.requester())))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"mine\"}"))
                .andExpect(status().isForbidden());
        String ownerToken = DemoTokens.bearer(people.issueToken(cast.owner()));
        mvc.perform(post("/api/v1/grants/{id}/revoke", grantId).header("Authorization", ownerToken)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\" \"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/grants/{id}/revoke", grantId).header("Authorization", ownerToken)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"Batch retired\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("REVOKED"))
                .andExpect(jsonPath("$.endReason").value("Batch retired"));
        mvc.perform(post("/api/v1/grants/{id}/revoke", grantId).header("Authorization", ownerToken)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"again\"}"))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/v1/grants/{id}/revoke", "no-such-grant").header("Authorization", ownerToken)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}"))
                .andExpect(status().isNotFound());
    }

    private long requests() {
        return jdbc.queryForObject("select count(*) from access_request", Long.class);
    }

    private ResultActions submit(String body) throws Exception {
        return mvc.perform(post("/api/v1/access-requests").header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions acknowledge(int version) throws Exception {
        return mvc.perform(post("/api/v1/policy-acknowledgements").header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version + "}"));
    }

    private static String request(String key, String permissions, String justification, int days) {
        return "{\"key\":\"" + key + "\",\"permissions\":" + permissions + ",\"justification\":\"" + justification
                + "\",\"durationDays\":" + days + ",\"ticket\":\"CHG-7\"}";
    }
}
