package dev.keyward;

import dev.keyward.support.TestWitness;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The embedded default as the README's run command starts it: H2 in a file, the demo profile, nothing else.
 * Runs on H2 whatever database the rest of the suite uses, so both stay proven.
 */
class EmbeddedStartupTest {

    static final Path DATA = Path.of("target", "embedded-startup");
    static ConfigurableApplicationContext app;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        FileSystemUtils.deleteRecursively(DATA);
        Files.createDirectories(DATA);
        app = new SpringApplicationBuilder(KeywardApplication.class).run(
                "--spring.profiles.active=demo",
                "--spring.datasource.url=jdbc:h2:file:./" + DATA + "/keyward;DB_CLOSE_ON_EXIT=FALSE",
                "--server.port=0", TestWitness.ownWitness());
        base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void healthIsUpAndAnonymousBrowsersAreSentToSignIn() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        var health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).startsWith("{\"status\":\"UP\"").doesNotContain("components");
        var ready = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as("ready once started").isEqualTo(200);

        var home = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValue(base + "/login");
    }

    @Test
    void aDemoPersonSignsInWithPasswordOnH2() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        var login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        Matcher csrf = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(login.body());
        assertThat(csrf.find()).as("the login page carries a CSRF token").isTrue();

        assertThat(postLogin(browser, "alice", "wrong password", csrf.group(1))).isEqualTo(base + "/login?error");
        assertThat(postLogin(browser, "alice", "keyward-demo", csrf.group(1))).isEqualTo(base + "/");
    }

    @Test
    void theScheduledSealerChainsSignInsWithinMoments() throws Exception {
        aDemoPersonSignsInWithPasswordOnH2();
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long sealed = 0;
        while (sealed == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            sealed = jdbc.queryForObject("select count(*) from audit_entry where action = 'identity.sign-in' "
                    + "and target_id = 'alice' and outcome = 'SUCCESS'", Long.class);
        }
        assertThat(sealed).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from audit_checkpoint", Long.class)).isPositive();
    }

    private static String postLogin(HttpClient browser, String user, String password, String csrf) throws Exception {
        String form = "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        var response = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }
}
