package dev.keyward.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.audit.AuditTestSupport;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/** A 403 says what was refused, whether a URL rule or a service's own check refused it, and the audit keeps it. */
class RefusalDetailsTest extends IntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    AuditTestSupport audit;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRoleRuleNamesTheRolesAndTheRequest() throws Exception {
        mvc.perform(post("/api/v1/people/alice/unlock").header("Authorization", DemoTokens.bearer(DemoTokens.AUDITOR)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("Your roles (AUDITOR, EMPLOYEE) do not allow POST /api/v1/people/alice/unlock."));
        assertThat(lastDenial("POST /api/v1/people/alice/unlock")).contains("Your roles (AUDITOR, EMPLOYEE)");
    }

    @Test
    void anOwnerCheckSaysWhoMayDoIt() throws Exception {
        mvc.perform(post("/api/v1/keys/payments-dek/rotations").header("Authorization", DemoTokens.bearer(DemoTokens.EMPLOYEE))
                        .contentType("application/json").content("{\"reason\":\"I would like a new version\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("Only a security officer or the key's owner may ask to rotate this key."));
        assertThat(lastDenial("POST /api/v1/keys/payments-dek/rotations")).contains("the key's owner may ask to rotate");
    }

    private String lastDenial(String endpoint) {
        audit.sealAll();
        return jdbc.queryForObject("select details from audit_entry where action = 'identity.api.access-denied' "
                + "and target_id = ? order by seq desc fetch first 1 rows only", String.class, endpoint);
    }
}
