package dev.keyward.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyward.identity.Roles;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/** The foundation's security events land in the audit log with actor, target, outcome and origin. */
class IdentityAuditTest extends IntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    AuditTestSupport audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestPeople testPeople;
    @Autowired
    ObjectMapper json;

    @Test
    void signInsFailuresAndLocksAreAudited() throws Exception {
        String user = testPeople.create("audited");
        signIn(user, "wrong");
        signIn(user, TestPeople.PASSWORD);
        audit.sealAll();
        var rows = rows("identity.sign-in", user);
        assertThat(rows).extracting(r -> r.get("outcome")).containsExactly("FAILURE", "SUCCESS");
        assertThat(rows.get(0).get("details")).isEqualTo("{\"method\":\"PASSWORD\",\"reason\":\"BAD_CREDENTIALS\"}");
        assertThat(rows.get(1).get("actor_id")).isEqualTo(user);
        assertThat(rows.get(1).get("client_address")).isNotNull();

        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofMinutes(6));
            signIn(user, "wrong");
        }
        audit.sealAll();
        assertThat(rows("identity.account.locked", user)).hasSize(1)
                .allSatisfy(r -> assertThat(r.get("actor_id")).isEqualTo("system"));
    }

    @Test
    void tokenLifecycleAndRejectionsAreAudited() throws Exception {
        String user = testPeople.create("audited");
        String secret = testPeople.issueToken(user);
        long id = json.readTree(mvc.perform(get("/api/v1/me/tokens").header("Authorization", DemoTokens.bearer(secret)))
                .andReturn().getResponse().getContentAsString()).get(0).path("id").asLong();
        mvc.perform(delete("/api/v1/me/tokens/{id}", id).header("Authorization", DemoTokens.bearer(secret)));
        mvc.perform(get("/api/v1/me").header("Authorization", DemoTokens.bearer(secret)));
        audit.sealAll();
        String target = Long.toString(id);
        assertThat(jdbc.queryForList("select action from audit_entry where target_type = 'api-token' and target_id = ? "
                + "order by seq", String.class, target))
                .containsExactly("identity.api-token.created", "identity.api-token.revoked", "identity.api-token.rejected");
        assertThat(jdbc.queryForObject("select details from audit_entry where target_id = ? and action = "
                + "'identity.api-token.rejected'", String.class, target)).contains("REVOKED");
    }

    @Test
    void roleChangesAndApiDenialsAreAudited() throws Exception {
        String user = testPeople.create("audited", Roles.SECURITY_OFFICER);
        mvc.perform(put("/api/v1/people/{u}/roles", user).header("Authorization", DemoTokens.bearer(DemoTokens.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).content("{\"roles\":[]}"));
        String employee = testPeople.issueToken(testPeople.create("audited"));
        mvc.perform(get("/api/v1/audit/verify").header("Authorization", DemoTokens.bearer(employee)));
        audit.sealAll();
        var change = rows("identity.person.roles-changed", user);
        assertThat(change).hasSize(1);
        assertThat(change.get(0).get("actor_id")).isEqualTo("frank");
        assertThat(change.get(0).get("actor_name")).isEqualTo("Frank Fischer");
        assertThat(change.get(0).get("details"))
                .isEqualTo("{\"after\":[\"EMPLOYEE\"],\"before\":[\"EMPLOYEE\",\"SECURITY_OFFICER\"]}");
        assertThat(jdbc.queryForList("select outcome from audit_entry where action = 'identity.api.access-denied' "
                + "and target_id = 'GET /api/v1/audit/verify'", String.class)).contains("DENIED");
    }

    @Test
    void auditReadersAreRolesThatExist() {
        assertThat(Roles.ALL).contains(AuditRoles.AUDITOR, AuditRoles.SECURITY_OFFICER);
    }

    private List<Map<String, Object>> rows(String action, String targetId) {
        return jdbc.queryForList("select * from audit_entry where action = ? and target_id = ? order by seq", action, targetId);
    }

    private void signIn(String user, String password) throws Exception {
        mvc.perform(post("/login").param("username", user).param("password", password).with(csrf()));
    }
}
