package dev.keyward.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Sessions end after 30 minutes idle (15 for security officers and admins) or 12 hours after sign-in; Vaadin
 * heartbeats are not activity; the session id changes at sign-in; the cookie is HttpOnly and SameSite.
 */
class SessionPolicyTest extends IntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestPeople testPeople;

    @Test
    void anEmployeeSessionEndsAfterThirtyIdleMinutes() throws Exception {
        MockHttpSession session = signIn(testPeople.create("session"));
        clock.advance(Duration.ofMinutes(29));
        touch(session);
        assertThat(session.isInvalid()).as("29 minutes idle").isFalse();
        clock.advance(Duration.ofMinutes(29));
        touch(session);
        assertThat(session.isInvalid()).as("activity restarts the idle clock").isFalse();
        clock.advance(Duration.ofMinutes(31));
        touch(session);
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void privilegedSessionsEndAfterFifteenIdleMinutes() throws Exception {
        MockHttpSession officer = signIn(testPeople.create("session", Roles.SECURITY_OFFICER));
        MockHttpSession admin = signIn(testPeople.create("session", Roles.ADMIN));
        MockHttpSession employee = signIn(testPeople.create("session"));
        clock.advance(Duration.ofMinutes(16));
        touch(officer);
        touch(admin);
        touch(employee);
        assertThat(officer.isInvalid()).isTrue();
        assertThat(admin.isInvalid()).isTrue();
        assertThat(employee.isInvalid()).isFalse();
    }

    @Test
    void heartbeatsDoNotKeepAnIdleSessionAlive() throws Exception {
        MockHttpSession session = signIn(testPeople.create("session"));
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(5));
            mvc.perform(post("/").param("v-r", "heartbeat").session(session));
        }
        assertThat(session.isInvalid()).isFalse();
        clock.advance(Duration.ofMinutes(6));
        touch(session);
        assertThat(session.isInvalid()).as("31 minutes without real activity").isTrue();
    }

    @Test
    void anActiveSessionEndsTwelveHoursAfterSignIn() throws Exception {
        MockHttpSession session = signIn(testPeople.create("session"));
        for (int i = 0; i < 24; i++) {
            clock.advance(Duration.ofMinutes(29));
            touch(session);
        }
        assertThat(session.isInvalid()).as("11 h 36 min").isFalse();
        clock.advance(Duration.ofMinutes(25));
        touch(session);
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void signInChangesTheSessionId() throws Exception {
        String user = testPeople.create("session");
        MockHttpSession session = new MockHttpSession();
        String before = session.getId();
        var request = mvc.perform(post("/login").param("username", user).param("password", TestPeople.PASSWORD)
                .with(csrf()).session(session)).andReturn().getRequest();
        assertThat(request.getSession(false)).isNotNull();
        assertThat(request.getSession(false).getId()).isNotEqualTo(before);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSite() throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/login")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("KEYWARD_SESSION=").contains("HttpOnly")
                        .contains("SameSite=Lax"));
    }

    private MockHttpSession signIn(String username) throws Exception {
        MockHttpSession session = new MockHttpSession();
        var result = mvc.perform(post("/login").param("username", username).param("password", TestPeople.PASSWORD)
                .with(csrf()).session(session)).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
        touch(session);
        return session;
    }

    /** Any request counts as activity; the health endpoint is cheap. */
    private void touch(MockHttpSession session) throws Exception {
        if (!session.isInvalid()) {
            mvc.perform(get("/actuator/health").session(session));
        }
    }
}
