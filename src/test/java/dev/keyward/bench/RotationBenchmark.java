package dev.keyward.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keyward.access.AccessFixture;
import dev.keyward.access.Permission;
import dev.keyward.approvals.Decision;
import dev.keyward.bench.CryptoBenchmark.Result;
import dev.keyward.crypto.CryptoFixture;
import dev.keyward.crypto.CryptoFixture.Holder;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.KeyRotationService;
import dev.keyward.keys.Rotation;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.Workflows;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * {@code mvn -B -q verify -Pbench -Dbench=rotation}, on PostgreSQL with the job executor running as in production:
 * <ol>
 *   <li>rewrap throughput (a 1 KiB ciphertext of version 1 moved to the current version: decrypt and encrypt in the
 *   HSM) as a ratio of encrypt throughput of the same key, both driven by {@code wrk} with 32 connections, warmed,
 *   then measured in alternating rounds (target: at least 0.8);</li>
 *   <li>the time from the last approving decision of a rotation to the first encrypt that returns the new version,
 *   over {@link #ROTATIONS} rotations of one key (p50, p99; reported).</li>
 * </ol>
 */
class RotationBenchmark extends IntegrationTest {

    static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.rotation.warmup", 45));
    static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.rotation.seconds", 30));
    static final int ROUNDS = 3;
    static final int ROTATIONS = Integer.getInteger("bench.rotation.rotations", 20);
    private static final Pattern CIPHERTEXT = Pattern.compile("\"ciphertext\"\\s*:\\s*\"([^\"]+)\"");

    @Autowired
    CryptoFixture crypto;
    @Autowired
    AccessFixture access;
    @Autowired
    KeyRotationService rotations;
    @Autowired
    Workflows workflows;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void rotation() throws Exception {
        assumeTrue(Benchmarks.selected("rotation"));
        assertThat(workflows.jobExecutorActive()).as("rotations run on the job executor").isTrue();
        Holder holder = crypto.holder("AES_256", KeyPurpose.ENCRYPT, Sensitivity.MEDIUM, Permission.USE_ENCRYPT,
                Permission.USE_DECRYPT);
        byte[] kib = new byte[1024];
        ThreadLocalRandom.current().nextBytes(kib);
        String plaintext = "{\"plaintext\":\"" + Base64.getEncoder().encodeToString(kib) + "\"}";
        String v1 = encrypt(holder, plaintext);
        assertThat(v1).startsWith("kw:v1:");

        latencyAfterLastApproval(holder, plaintext);

        Path encrypt = CryptoBenchmark.script("rotation-encrypt", holder.bearer(), plaintext);
        Path rewrap = CryptoBenchmark.script("rotation-rewrap", holder.bearer(), "{\"ciphertext\":\"" + v1 + "\"}");
        String base = "http://127.0.0.1:" + PORT + "/api/v1/keys/" + holder.key();
        CryptoBenchmark.wrk(base + "/encrypt", encrypt, WARM_UP);
        CryptoBenchmark.wrk(base + "/rewrap", rewrap, WARM_UP);
        List<Result> enc = new ArrayList<>();
        List<Result> rew = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            enc.add(CryptoBenchmark.wrk(base + "/encrypt", encrypt, MEASURE.dividedBy(ROUNDS)));
            rew.add(CryptoBenchmark.wrk(base + "/rewrap", rewrap, MEASURE.dividedBy(ROUNDS)));
        }
        Result e = Result.of(enc);
        Result r = Result.of(rew);
        Benchmarks.print("rotation.encrypt", "ops_per_s", String.format("%.0f", e.perSecond()),
                "p99_ms", String.format("%.2f", e.p99Millis()), "p99_rounds_ms", CryptoBenchmark.p99s(enc),
                "clients", CryptoBenchmark.CLIENTS, "seconds", MEASURE.toSeconds(), "backend", CryptoBenchmark.BACKEND);
        Benchmarks.print("rotation.rewrap", "ops_per_s", String.format("%.0f", r.perSecond()),
                "p99_ms", String.format("%.2f", r.p99Millis()), "p99_rounds_ms", CryptoBenchmark.p99s(rew),
                "from_version", 1, "to_version", ROTATIONS + 1, "backend", CryptoBenchmark.BACKEND);
        Benchmarks.print("rotation.rewrap_ratio", "value", String.format("%.2f", r.perSecond() / e.perSecond()),
                "target", "0.8", "backend", CryptoBenchmark.BACKEND);
    }

    /** Rotates the key {@link #ROTATIONS} times; times each from the last decision to the first new-version encrypt. */
    private void latencyAfterLastApproval(Holder holder, String plaintext) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < ROTATIONS; i++) {
            access.as(holder.cast().owner());
            Rotation rotation = rotations.request(holder.key(), "benchmark rotation " + (i + 1));
            String expected = "kw:v" + (rotation.oldVersion() + 1) + ":";
            access.decide(holder.cast().officer1(), rotation.id(), Decision.APPROVE, null);
            long start = System.nanoTime();
            access.decide(holder.cast().officer2(), rotation.id(), Decision.APPROVE, null);
            SecurityContextHolder.clearContext();
            long deadline = start + Duration.ofSeconds(60).toNanos();
            while (!encrypt(holder, plaintext).startsWith(expected)) {
                assertThat(System.nanoTime()).as("rotation " + (i + 1) + " serving within 60 s").isLessThan(deadline);
                Thread.sleep(2);
            }
            millis.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(millis);
        Benchmarks.print("rotation.last_approval_to_new_version", "p50_ms", String.format("%.1f", percentile(millis, 50)),
                "p99_ms", String.format("%.1f", percentile(millis, 99)), "max_ms", String.format("%.1f", millis.get(millis.size() - 1)),
                "rotations", ROTATIONS, "backend", CryptoBenchmark.BACKEND);
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private String encrypt(Holder holder, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT
                        + "/api/v1/keys/" + holder.key() + "/encrypt")).header("Authorization", holder.bearer())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher m = CIPHERTEXT.matcher(response.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
