package dev.keyward.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Hostile or broken input on sign-in and token endpoints gets a clean refusal: never a 500, never a trace. */
class BadInputTest extends IntegrationTest {

    static final String HUGE = "a".repeat(10 * 1024);

    @Autowired
    MockMvc mvc;

    @ParameterizedTest
    @ValueSource(strings = {"\u0000alice", "ali\u0007ce\r\n", "alice' OR '1'='1", "alice\"; DROP TABLE identity_person; --",
            "%00", "", "   ", "<script>alert(1)</script>"})
    void oddUsernamesFailSignInPolitely(String username) throws Exception {
        mvc.perform(post("/login").param("username", username).param("password", "' OR 1=1 --").with(csrf()))
                .andExpect(status().isFound())
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/login?error"));
    }

    @Test
    void tenKilobyteCredentialsFailSignInPolitely() throws Exception {
        mvc.perform(post("/login").param("username", HUGE).param("password", HUGE).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/login?error"));
    }

    @Test
    void signInWithoutCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/login").param("username", "alice").param("password", "keyward-demo"))
                .andExpect(status().isForbidden());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"name\":", "[]", "not json", "{\"name\":\"x\",\"expiresInDays\":\"soon\"}",
            "{\"name\":\"\",\"expiresInDays\":5}", "{\"name\":\"tab\\there\",\"expiresInDays\":5}", "{\"expiresInDays\":5}"})
    void malformedTokenRequestsAreProblemDetails(String body) throws Exception {
        mvc.perform(post("/api/v1/me/tokens").header("Authorization", DemoTokens.bearer(DemoTokens.EMPLOYEE))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(result -> assertThat(result.getResponse().getContentAsString()).doesNotContain("Exception"));
    }

    @Test
    void hugeTokenNamesAreRefused() throws Exception {
        mvc.perform(post("/api/v1/me/tokens").header("Authorization", DemoTokens.bearer(DemoTokens.EMPLOYEE))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + HUGE + "\",\"expiresInDays\":5}"))
                .andExpect(status().isBadRequest());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer ", "Bearer kwt_' OR 1=1 --", "Basic YWxpY2U6a2V5d2FyZC1kZW1v", "kwt_test_alice_employee"})
    void badAuthorizationHeadersAre401(String header) throws Exception {
        mvc.perform(get("/api/v1/me").header("Authorization", header))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void controlCharactersInHeadersAreRejectedByTheFirewall() throws Exception {
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer \u0001\u0002")).andExpect(status().isBadRequest());
    }

    @Test
    void aTenKilobyteBearerTokenIs401() throws Exception {
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + HUGE)).andExpect(status().isUnauthorized());
    }

    @Test
    void unknownRolesAreExplained() throws Exception {
        mvc.perform(put("/api/v1/people/heidi/roles").header("Authorization", DemoTokens.bearer(DemoTokens.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"roles\":[\"SUPERUSER\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("Unknown roles [SUPERUSER]")));
    }

    @Test
    void unknownPeopleAre404() throws Exception {
        mvc.perform(get("/api/v1/people/{u}", HUGE).header("Authorization", DemoTokens.bearer(DemoTokens.ADMIN)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void adminsCannotChangeTheirOwnRoles() throws Exception {
        mvc.perform(put("/api/v1/people/frank/roles").header("Authorization", DemoTokens.bearer(DemoTokens.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"roles\":[\"EMPLOYEE\"]}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("You cannot change your own roles; ask another administrator."));
    }
}
