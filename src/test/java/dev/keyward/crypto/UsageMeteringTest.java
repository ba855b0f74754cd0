package dev.keyward.crypto;

import static dev.keyward.access.Permission.USE_ENCRYPT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.KeywardApplication;
import dev.keyward.crypto.CryptoFixture.Holder;
import dev.keyward.crypto.internal.UsageMeter;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Usage counts are exact: a concurrent burst over HTTP while flushes run beside it, then a second Keyward node on
 * the same database that is stopped cleanly right after its own burst. Not one call is lost or counted twice.
 */
class UsageMeteringTest extends IntegrationTest {

    static final int THREADS = 16;
    static final int CALLS_PER_THREAD = 100;
    static final int CALLS_ON_SECOND_NODE = 200;

    @Autowired
    CryptoFixture crypto;
    @Autowired
    UsageMeter meter;
    @Autowired
    JdbcTemplate jdbc;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void countsAreExactAfterAConcurrentBurstAndACleanRestart() throws Exception {
        Holder holder = crypto.holder("AES_256", KeyPurpose.ENCRYPT, Sensitivity.LOW, USE_ENCRYPT);

        AtomicBoolean bursting = new AtomicBoolean(true);
        Thread flusher = new Thread(() -> {
            while (bursting.get()) {
                meter.flush();
            }
        });
        flusher.start();
        burst(PORT, holder, THREADS, CALLS_PER_THREAD);
        bursting.set(false);
        flusher.join();

        try (var secondNode = new SpringApplicationBuilder(KeywardApplication.class).run("--server.port=0",
                "--camunda.bpm.process-engine-name=secondNode")) {
            int port = secondNode.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            burst(port, holder, 4, CALLS_ON_SECOND_NODE / 4);
        }
        meter.stop(); // what a clean shutdown of this node does
        meter.start();

        long expected = (long) THREADS * CALLS_PER_THREAD + CALLS_ON_SECOND_NODE;
        assertThat(jdbc.queryForObject("select uses from crypto_usage where grant_id = ? and operation = 'ENCRYPT'",
                Long.class, holder.grantId())).isEqualTo(expected);
        assertThat(jdbc.queryForObject("select last_client from crypto_usage where grant_id = ?", String.class,
                holder.grantId())).isEqualTo("127.0.0.1");
        assertThat(jdbc.queryForObject("select sum(uses) from crypto_usage_minute where key_alias = ? and principal = ?",
                Long.class, holder.key(), holder.cast().requester())).isEqualTo(expected);
    }

    private void burst(int port, Holder holder, int threads, int callsPerThread) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/keys/" + holder.key() + "/encrypt"))
                .header("Authorization", holder.bearer()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CryptoApi.json("plaintext", CryptoApi.b64("metered")))).build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < callsPerThread; i++) {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
