package dev.keyward.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyward.identity.internal.ApiTokenRepository;
import dev.keyward.identity.internal.TokenSecrets;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Personal API tokens: shown once, stored as a hash, expiring, revocable, acting with the owner's roles. */
class ApiTokensTest extends IntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    ApiTokenRepository tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestPeople testPeople;

    @Test
    void aNewTokenIsShownOnceAndKeptOnlyAsAHash() throws Exception {
        JsonNode issued = create(DemoTokens.EMPLOYEE, "ci script", 30);
        String secret = issued.path("secret").asText();
        assertThat(secret).startsWith("kwt_").hasSize(4 + 43);
        assertThat(issued.path("token").path("prefix").asText()).isEqualTo(secret.substring(0, 12));

        mvc.perform(get("/api/v1/me").header("Authorization", DemoTokens.bearer(secret)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.username").value("alice"));

        String listing = mvc.perform(get("/api/v1/me/tokens").header("Authorization", DemoTokens.bearer(secret)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(listing).contains("ci script").doesNotContain(secret);
        long id = issued.path("token").path("id").asLong();
        assertThat(jdbc.queryForObject("select token_hash from identity_api_token where id = ?", String.class, id))
                .isEqualTo(TokenSecrets.hash(secret)).doesNotContain(secret.substring(4));
        assertThat(tokens.findById(id).orElseThrow().getLastUsedAt()).isNotNull();
    }

    @Test
    void theApiSetsNoCookiesAndKeepsNoSession() throws Exception {
        var response = mvc.perform(get("/api/v1/me").header("Authorization", DemoTokens.bearer(DemoTokens.EMPLOYEE)))
                .andExpect(status().isOk()).andReturn();
        assertThat(response.getResponse().getHeaders("Set-Cookie")).isEmpty();
        assertThat(response.getRequest().getSession(false)).isNull();
    }

    @Test
    void passwordsAreStoredAsArgon2idHashes() {
        assertThat(jdbc.queryForObject("select password_hash from identity_person where username = 'alice'", String.class))
                .startsWith("{argon2}$argon2id$").doesNotContain("keyward-demo");
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnce() throws Exception {
        JsonNode issued = create(DemoTokens.EMPLOYEE, "to revoke", 30);
        String secret = issued.path("secret").asText();
        mvc.perform(delete("/api/v1/me/tokens/{id}", issued.path("token").path("id").asLong())
                        .header("Authorization", DemoTokens.bearer(DemoTokens.EMPLOYEE)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.revokedAt").isNotEmpty());
        mvc.perform(get("/api/v1/me").header("Authorization", DemoTokens.bearer(secret)))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("The API token is unknown, expired or revoked."));
    }

    @Test
    void nobodyRevokesSomeoneElsesToken() throws Exception {
        JsonNode issued = create(DemoTokens.EMPLOYEE, "alice's", 30);
        mvc.perform(delete("/api/v1/me/tokens/{id}", issued.path("token").path("id").asLong())
                        .header("Authorization", DemoTokens.bearer(DemoTokens.ADMIN)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/me").header("Authorization", DemoTokens.bearer(issued.path("secret").asText())))
                .andExpect(status().isOk());
    }

    @Test
    void aTokenExpiresAfterItsLifetime() throws Exception {
        String secret = create(DemoTokens.EMPLOYEE, "short", 1).path("secret").asText();
        clock.advance(Duration.ofHours(23));
        mvc.perform(get("/api/v1/me").header("Authorization", DemoTokens.bearer(secret))).andExpect(status().isOk());
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        mvc.perform(get("/api/v1/me").header("Authorization", DemoTokens.bearer(secret)))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void lifetimesAreOneToNinetyDays() throws Exception {
        for (int days : new int[] {0, 91, -1}) {
            mvc.perform(post("/api/v1/me/tokens").header("Authorization", DemoTokens.bearer(DemoTokens.EMPLOYEE))
                            .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\",\"expiresInDays\":" + days + "}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        assertThat(create(DemoTokens.EMPLOYEE, "longest", 90).path("token").path("expiresAt").asText()).isNotEmpty();
    }

    @Test
    void aTokenActsWithItsOwnersCurrentRolesAndStatus() throws Exception {
        String user = testPeople.create("tokens", Roles.AUDITOR);
        String secret = testPeople.issueToken(user);
        mvc.perform(get("/api/v1/people").header("Authorization", DemoTokens.bearer(secret))).andExpect(status().isOk());

        changeAsAdmin(put("/api/v1/people/{u}/roles", user), "{\"roles\":[]}");
        mvc.perform(get("/api/v1/people").header("Authorization", DemoTokens.bearer(secret))).andExpect(status().isForbidden());

        changeAsAdmin(put("/api/v1/people/{u}/status", user), "{\"status\":\"SUSPENDED\"}");
        mvc.perform(get("/api/v1/me").header("Authorization", DemoTokens.bearer(secret))).andExpect(status().isUnauthorized());
    }

    private void changeAsAdmin(MockHttpServletRequestBuilder request,
                               String body) throws Exception {
        mvc.perform(request.header("Authorization", DemoTokens.bearer(DemoTokens.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isOk());
    }

    private JsonNode create(String asToken, String name, int days) throws Exception {
        String body = mvc.perform(post("/api/v1/me/tokens").header("Authorization", DemoTokens.bearer(asToken))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"expiresInDays\":" + days + "}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }
}
