package dev.keyward.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.keyward.audit.AuditTestSupport;
import dev.keyward.identity.internal.PersonRepository;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Password guessing in parallel: every attempt is counted and audited, no attempt slips past the throttle to a
 * password check, and a refused attempt costs what a real check costs (timing does not reveal names).
 */
class SignInRaceTest extends IntegrationTest {

    static final int THREADS = 8;
    static final int ATTEMPTS_EACH = 25;

    @Autowired
    MockMvc mvc;
    @Autowired
    TestPeople testPeople;
    @Autowired
    PersonRepository people;
    @Autowired
    AuditTestSupport audit;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void concurrentWrongPasswordsAreAllAuditedAndOnlyTheFreeOnesAreChecked() throws Exception {
        String user = testPeople.create("race");
        clock.freeze();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Callable<String>> attempts = new ArrayList<>();
            for (int i = 0; i < THREADS * ATTEMPTS_EACH; i++) {
                attempts.add(() -> signIn(user, "wrong password"));
            }
            for (Future<String> result : pool.invokeAll(attempts)) {
                assertThat(result.get()).isEqualTo("/login?error");
            }
        } finally {
            pool.shutdown();
        }
        audit.sealAll();

        Map<String, Long> reasons = jdbc.queryForList("select details from audit_entry where action = 'identity.sign-in' "
                        + "and target_id = ?", String.class, user).stream()
                .map(details -> details.replaceAll(".*\"reason\":\"([A-Z_]+)\".*", "$1"))
                .collect(Collectors.groupingBy(r -> r, Collectors.counting()));
        assertThat(reasons.values().stream().mapToLong(Long::longValue).sum()).as("every attempt audited: " + reasons)
                .isEqualTo(THREADS * ATTEMPTS_EACH);
        // The clock stands still: the first five are checked (four free failures, then the fifth starts the delay),
        // every later one is refused without looking at the password.
        assertThat(reasons).containsEntry("BAD_CREDENTIALS", 5L).containsEntry("THROTTLED", THREADS * ATTEMPTS_EACH - 5L);
        assertThat(people.findByUsername(user).orElseThrow().getFailedSignIns()).as("every checked attempt counted")
                .isEqualTo(5);
    }

    @Test
    void aThrottledAccountAnswersAsSlowlyAsAnUnknownName() throws Exception {
        String user = testPeople.create("timing");
        clock.freeze();
        for (int i = 0; i < 6; i++) {
            signIn(user, "wrong password");
        }
        signIn("nobody-" + user, "wrong password"); // warm both paths
        long throttled = medianMillis(() -> signIn(user, "wrong password"));
        long unknown = medianMillis(() -> signIn("nobody-" + user, "wrong password"));
        assertThat(throttled).as("throttled %d ms, unknown %d ms", throttled, unknown).isGreaterThanOrEqualTo(unknown / 2);
        assertThat(people.findByUsername(user).orElseThrow().getFailedSignIns()).as("throttled attempts not counted")
                .isEqualTo(5);
    }

    private long medianMillis(Callable<String> attempt) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            long start = System.nanoTime();
            attempt.call();
            times.add((System.nanoTime() - start) / 1_000_000);
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    private String signIn(String username, String password) throws Exception {
        return mvc.perform(post("/login").param("username", username).param("password", password).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl();
    }
}
