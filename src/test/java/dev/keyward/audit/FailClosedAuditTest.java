package dev.keyward.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import dev.keyward.identity.internal.PersonRepository;
import dev.keyward.identity.internal.RoleRequestStore;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/** When the audit record cannot be written, the change it describes does not happen. */
class FailClosedAuditTest extends IntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestPeople testPeople;
    @Autowired
    PersonRepository people;
    @Autowired
    RoleRequestStore roleRequests;

    @Test
    void aRoleChangeThatCannotBeAuditedIsRolledBack() throws Exception {
        String user = testPeople.create("failclosed", "AUDITOR");
        withAuditUnavailable(() -> {
            int status = mvc.perform(put("/api/v1/people/{u}/roles", user)
                            .header("Authorization", DemoTokens.bearer(DemoTokens.ADMIN))
                            .contentType(MediaType.APPLICATION_JSON).content("{\"roles\":[]}"))
                    .andReturn().getResponse().getStatus();
            assertThat(status).isEqualTo(500);
            status = mvc.perform(put("/api/v1/people/{u}/roles", user)
                            .header("Authorization", DemoTokens.bearer(DemoTokens.ADMIN))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"roles\":[\"AUDITOR\",\"ADMIN\"],\"reason\":\"Runs the people directory.\"}"))
                    .andReturn().getResponse().getStatus();
            assertThat(status).as("a role request that cannot be audited").isEqualTo(500);
        });
        assertThat(people.findByUsername(user).orElseThrow().getRoles()).containsExactlyInAnyOrder("EMPLOYEE", "AUDITOR");
        assertThat(roleRequests.pendingFor(user)).as("no role request was kept").isEmpty();

        int status = mvc.perform(put("/api/v1/people/{u}/roles", user)
                        .header("Authorization", DemoTokens.bearer(DemoTokens.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"roles\":[]}"))
                .andReturn().getResponse().getStatus();
        assertThat(status).as("with the audit log back, the same change succeeds").isEqualTo(200);
        assertThat(people.findByUsername(user).orElseThrow().getRoles()).containsExactly("EMPLOYEE");
    }

    @Test
    void aSignInThatCannotBeAuditedIsRefused() throws Exception {
        String user = testPeople.create("failclosed");
        withAuditUnavailable(() -> {
            String target = mvc.perform(post("/login").param("username", user).param("password", TestPeople.PASSWORD)
                    .with(csrf())).andReturn().getResponse().getRedirectedUrl();
            assertThat(target).isEqualTo("/login?error");
        });
    }

    private interface Action {
        void run() throws Exception;
    }

    /** Simulates a broken audit store by moving the inbox table away for the duration of {@code action}. */
    private void withAuditUnavailable(Action action) throws Exception {
        jdbc.execute("alter table audit_inbox rename to audit_inbox_away");
        try {
            action.run();
        } finally {
            jdbc.execute("alter table audit_inbox_away rename to audit_inbox");
        }
    }
}
