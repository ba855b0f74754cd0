package dev.keyward.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.identity.internal.PersonRepository;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Growing delays after failed password sign-ins, and a lock after 100 that only an admin lifts. */
class SignInThrottlingTest extends IntegrationTest {

    static final String FAILED = "/login?error";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestPeople testPeople;
    @Autowired
    PersonRepository people;

    @Test
    void theFirstFailuresCostNothingAndASuccessResetsTheCount() throws Exception {
        String user = testPeople.create("throttle");
        for (int i = 0; i < 4; i++) {
            assertThat(signIn(user, "wrong")).isEqualTo(FAILED);
        }
        assertThat(failures(user)).isEqualTo(4);
        assertThat(signIn(user, TestPeople.PASSWORD)).isEqualTo("/");
        assertThat(failures(user)).isZero();
    }

    @Test
    void afterFiveFailuresEvenTheRightPasswordWaitsForTheDelay() throws Exception {
        String user = testPeople.create("throttle");
        for (int i = 0; i < 5; i++) {
            signIn(user, "wrong");
        }
        assertThat(signIn(user, TestPeople.PASSWORD)).as("within the 1 s delay").isEqualTo(FAILED);
        assertThat(failures(user)).as("refused attempts are not counted").isEqualTo(5);

        clock.advance(Duration.ofMillis(1100));
        signIn(user, "wrong");
        assertThat(signIn(user, TestPeople.PASSWORD)).as("delay doubled to 2 s").isEqualTo(FAILED);
        clock.advance(Duration.ofMillis(1500));
        assertThat(signIn(user, TestPeople.PASSWORD)).as("still within 2 s").isEqualTo(FAILED);
        clock.advance(Duration.ofMillis(600));
        assertThat(signIn(user, TestPeople.PASSWORD)).isEqualTo("/");
    }

    @Test
    void aHundredFailuresLockTheAccountUntilAnAdminUnlocksIt() throws Exception {
        String user = testPeople.create("throttle");
        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofMinutes(6));
            assertThat(signIn(user, "wrong")).isEqualTo(FAILED);
        }
        assertThat(people.findByUsername(user).orElseThrow().isLocked()).isTrue();
        clock.advance(Duration.ofDays(2));
        assertThat(signIn(user, TestPeople.PASSWORD)).as("locked, even with the right password").isEqualTo(FAILED);

        mvc.perform(post("/api/v1/people/{u}/unlock", user).header("Authorization", DemoTokens.bearer(DemoTokens.ADMIN)))
                .andExpect(status().isOk());
        assertThat(signIn(user, TestPeople.PASSWORD)).isEqualTo("/");
    }

    @Test
    void unknownUsersAndWrongPasswordsLookTheSame() throws Exception {
        String user = testPeople.create("throttle");
        var wrongPassword = signInResult(user, "wrong");
        var unknownUser = signInResult("nobody-" + user, "wrong");
        assertThat(unknownUser.getRedirectedUrl()).isEqualTo(wrongPassword.getRedirectedUrl()).isEqualTo(FAILED);
        assertThat(unknownUser.getStatus()).isEqualTo(wrongPassword.getStatus()).isEqualTo(302);
    }

    private int failures(String user) {
        return people.findByUsername(user).orElseThrow().getFailedSignIns();
    }

    private String signIn(String username, String password) throws Exception {
        return signInResult(username, password).getRedirectedUrl();
    }

    private MockHttpServletResponse signInResult(String username, String password)
            throws Exception {
        return mvc.perform(post("/login").param("username", username).param("password", password).with(csrf()))
                .andReturn().getResponse();
    }
}
