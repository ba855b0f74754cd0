package dev.keyward.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.approvals.Decision;
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

/**
 * The demo's payments-app holds a grant on payments-dek that went through the real workflow: carol requested it,
 * bob, dave and grace approved with (seeded, since retired) passkeys, every decision verifies, and once the
 * provisioning job has run the application encrypts with its seeded token.
 */
class DemoGrantsTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Workflows workflows;
    @Autowired
    AccessRequestService requests;
    @Autowired
    TestPeople people;
    @Autowired
    MockMvc mvc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void paymentsAppIsGrantedThroughSignedApprovalsAndEncrypts() throws Exception {
        String id = jdbc.queryForObject("select id from access_request where beneficiary = 'payments-app'", String.class);
        workflows.runJobsOf(id); // the job executor does this in the running demo
        people.signIn("carol");
        AccessRequest request = requests.get(id);
        assertThat(request.requester()).isEqualTo("carol");
        assertThat(request.status()).isEqualTo(AccessRequestStatus.GRANTED);
        assertThat(request.approval().slots()).hasSize(3).allSatisfy(slot -> {
            assertThat(slot.decision().decision()).isEqualTo(Decision.APPROVE);
            assertThat(slot.decision().verified()).isTrue();
            assertThat(slot.decision().verification()).contains("since removed");
        });
        assertThat(request.approval().slots()).extracting(s -> s.decision().approver()).containsExactly("bob", "dave", "grace");

        mvc.perform(post("/api/v1/keys/payments-dek/encrypt").header("Authorization", DemoTokens.bearer("kwt_test_payments_app"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"plaintext\":\"aGVsbG8=\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.ciphertext").exists());
    }
}
