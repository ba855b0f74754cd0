package dev.keyward.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/** The inventory filters and pages in the database, over the demo keys (some of them overdue by design). */
class KeyInventoryQueryTest extends IntegrationTest {

    @Autowired
    KeyService keys;
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;

    @BeforeEach
    void asAnAuditor() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("erin", null,
                AuthorityUtils.createAuthorityList("ROLE_AUDITOR", "ROLE_EMPLOYEE")));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void filtersAndPages() {
        assertThat(aliases(new KeyFilter(null, null, "carol", null, null, false))).contains("payments-dek", "payments-mac")
                .doesNotContain("orders-dek");
        assertThat(aliases(new KeyFilter(null, null, null, null, "card", false))).contains("payments-dek", "payments-archive");
        assertThat(aliases(new KeyFilter(null, null, null, null, "heidi", false))).as("search by owner")
                .contains("hr-dek", "hr-export-mac").doesNotContain("payments-dek");
        assertThat(aliases(new KeyFilter(null, null, null, null, "Encrypt", false))).as("search by purpose (neither "
                + "alias nor description says so)").contains("orders-dek", "analytics-dek").doesNotContain("payments-mac");
        assertThat(aliases(new KeyFilter(KeyState.COMPROMISED, null, null, null, null, false))).contains("legacy-reports")
                .allSatisfy(a -> assertThat(keys.get(a).state()).isEqualTo(KeyState.COMPROMISED));
        assertThat(aliases(new KeyFilter(null, null, null, null, null, true)))
                .as("past their originator period").contains("analytics-dek", "payments-signing")
                .doesNotContain("payments-dek", "orders-mac");

        long all = keys.count(KeyFilter.ALL);
        assertThat(all).isGreaterThanOrEqualTo(20);
        var first = keys.find(KeyFilter.ALL, 0, 5);
        var second = keys.find(KeyFilter.ALL, 5, 5);
        assertThat(first).hasSize(5);
        assertThat(first.get(4).alias()).isLessThan(second.get(0).alias());
        assertThat(keys.countByState().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(all);
    }

    @Test
    void theApiFiltersToo() throws Exception {
        String body = mvc.perform(get("/api/v1/keys?overdue=true&owner=alice").header("Authorization",
                DemoTokens.bearer(DemoTokens.EMPLOYEE))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(body).findValuesAsText("alias")).containsExactly("analytics-dek");
        mvc.perform(get("/api/v1/keys?size=1000").header("Authorization", DemoTokens.bearer(DemoTokens.EMPLOYEE)))
                .andExpect(status().isBadRequest());
    }

    private List<String> aliases(KeyFilter filter) {
        return keys.find(filter, 0, 500).stream().map(ManagedKey::alias).toList();
    }
}
