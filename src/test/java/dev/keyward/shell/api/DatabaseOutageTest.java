package dev.keyward.shell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keyward.KeywardApplication;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TcpProxy;
import dev.keyward.support.TestWitness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A Keyward node whose PostgreSQL goes away (through a proxy the test cuts): API calls get a quick 503 with
 * Retry-After that says the service is unavailable, never a 401 that blames a valid token; health answers DOWN
 * within seconds; everything works again once the database is back, without a restart.
 */
class DatabaseOutageTest extends IntegrationTest {

    static final Duration QUICK = Duration.ofSeconds(5);

    @Value("${spring.datasource.url}")
    String databaseUrl;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void anOutageIsAQuick503AndRecoveryNeedsNoRestart() throws Exception {
        assumeTrue(databaseUrl.startsWith("jdbc:postgresql://localhost:5432/")
                || databaseUrl.startsWith("jdbc:postgresql://127.0.0.1:5432/"), "needs PostgreSQL on the network");
        try (TcpProxy proxy = new TcpProxy(5432);
             var node = new SpringApplicationBuilder(KeywardApplication.class).run("--server.port=0",
                     "--camunda.bpm.process-engine-name=outageNode", TestWitness.ownWitness(),
                     "--spring.datasource.url=" + databaseUrl.replaceFirst("//(localhost|127\\.0\\.0\\.1):5432/",
                             "//127.0.0.1:" + proxy.port() + "/"))) {
            String base = "http://127.0.0.1:" + node.getEnvironment().getRequiredProperty("local.server.port");
            assertThat(get(base + "/api/v1/me").statusCode()).isEqualTo(200);

            proxy.cut();
            Thread.sleep(1100); // the token check's one-second memory runs out

            for (String path : new String[] {"/api/v1/me", "/api/v1/audit/entries?size=5", "/api/v1/keys"}) {
                long start = System.nanoTime();
                HttpResponse<String> response = get(base + path);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).as(path).hasValue("5");
                assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
                assertThat(response.body()).as(path).doesNotContain("unknown, expired or revoked").containsIgnoringCase("database");
                assertThat(took).as(path + " answered in " + took.toMillis() + " ms").isLessThan(QUICK);
            }
            long start = System.nanoTime();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICK);

            proxy.restore();
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> get(base + "/api/v1/me").statusCode() == 200);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", DemoTokens.bearer(DemoTokens.AUDITOR)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
