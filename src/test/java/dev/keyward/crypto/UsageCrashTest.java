package dev.keyward.crypto;

import static dev.keyward.access.Permission.USE_ENCRYPT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keyward.KeywardApplication;
import dev.keyward.crypto.CryptoFixture.Holder;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestWitness;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Keyward process killed with SIGKILL under load loses at most the last flush interval (one second) of usage
 * counts, and the per-minute series exactly as much as the per-grant totals. Runs a real second process on the
 * shared PostgreSQL database.
 */
class UsageCrashTest extends IntegrationTest {

    static final int THREADS = 8;
    static final Duration LOAD = Duration.ofSeconds(4);
    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

    @Autowired
    CryptoFixture crypto;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${spring.datasource.url}")
    String databaseUrl;

    @Test
    void aKilledNodeLosesAtMostItsLastSecondOfUsage() throws Exception {
        assumeTrue(databaseUrl.startsWith("jdbc:postgresql:"), "a second process needs a database on the network");
        Holder holder = crypto.holder("AES_256", KeyPurpose.ENCRYPT, Sensitivity.LOW, USE_ENCRYPT);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process node = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx768m",
                "-cp", System.getProperty("java.class.path"),
                "-Dspring.profiles.active=" + System.getProperty("spring.profiles.active"),
                KeywardApplication.class.getName(), "--server.port=" + port, "--spring.datasource.url=" + databaseUrl,
                "--camunda.bpm.process-engine-name=crashNode", "--camunda.bpm.auto-deployment-enabled=false",
                "--logging.level.root=warn", TestWitness.ownWitness())
                .redirectErrorStream(true).redirectOutput(new File("target/usage-crash-node.log")).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);

            HttpRequest encrypt = HttpRequest.newBuilder(URI.create(base + "/api/v1/keys/" + holder.key() + "/encrypt"))
                    .header("Authorization", holder.bearer()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(CryptoApi.json("plaintext", CryptoApi.b64("metered")))).build();
            AtomicLong acknowledged = new AtomicLong();
            AtomicBoolean loading = new AtomicBoolean(true);
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread caller = new Thread(() -> {
                    while (loading.get()) {
                        try {
                            if (http.send(encrypt, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                                acknowledged.incrementAndGet();
                            }
                        } catch (Exception killed) {
                            return;
                        }
                    }
                });
                caller.start();
                callers.add(caller);
            }
            Thread.sleep(LOAD.toMillis());
            node.destroyForcibly(); // SIGKILL: no shutdown hook, no final flush
            node.waitFor();
            loading.set(false);
            for (Thread caller : callers) {
                caller.join();
            }

            long acked = acknowledged.get();
            long perSecond = acked / LOAD.toSeconds();
            long totals = jdbc.queryForObject("select coalesce(sum(uses), 0) from crypto_usage where grant_id = ?",
                    Long.class, holder.grantId());
            long series = jdbc.queryForObject("select coalesce(sum(uses), 0) from crypto_usage_minute "
                    + "where key_alias = ? and principal = ?", Long.class, holder.key(), holder.cast().requester());
            long lost = acked - totals;
            System.out.printf("UsageCrashTest: %d calls acknowledged (%d/s), %d counted, %d lost (%.1f %%)%n", acked,
                    perSecond, totals, lost, 100.0 * lost / Math.max(1, acked));
            assertThat(acked).as("the node was under load").isGreaterThan(LOAD.toSeconds() * 20);
            assertThat(series).as("the per-minute series is as durable as the totals").isEqualTo(totals);
            // At most one flush interval (plus the flush that may have been under way) of acknowledged calls.
            assertThat(lost).as("lost at most the last second: %d of %d", lost, acked)
                    .isLessThanOrEqualTo(perSecond * (FLUSH_INTERVAL.toMillis() * 3 / 2) / 1000 + THREADS);
        } finally {
            node.destroyForcibly();
        }
    }
}
