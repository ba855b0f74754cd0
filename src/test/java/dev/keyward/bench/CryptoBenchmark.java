package dev.keyward.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keyward.access.Permission;
import dev.keyward.crypto.CryptoFixture;
import dev.keyward.crypto.CryptoFixture.Holder;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code mvn -B -q verify -Pbench -Dbench=crypto}: {@code wrk} (out of process, so the load generator costs the
 * server as little CPU as possible; installed by the test prerequisites) keeps 32 connections busy encrypting 1 KiB
 * through {@code POST /api/v1/keys/{alias}/encrypt} for 30 s against the running application on PostgreSQL, and
 * in the same run calls a baseline endpoint that only authenticates the same token and answers 1 KiB
 * ({@link BaselineController}). Both paths are warmed, then measured in alternating rounds. Every answer must be
 * 200. Add {@code -Dkeyward.hsm.backend=pkcs11 -Dkeyward.hsm.pkcs11.config=target/softhsm/keyward-test.cfg
 * -Dkeyward.hsm.pkcs11.pin=1234} to run the application on SoftHSM2.
 */
class CryptoBenchmark extends IntegrationTest {

    static final int CLIENTS = Integer.getInteger("bench.crypto.clients", 32);
    /** The JIT compiler shares the two cores with the load: throughput still climbs after 30 s, hardly after 60 s. */
    static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.crypto.warmup", 60));
    static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.crypto.seconds", 30));
    static final int ROUNDS = 3;
    /** The backend the application runs on: soft unless started with {@code -Dkeyward.hsm.backend=pkcs11 ...}. */
    static final String BACKEND = System.getProperty("keyward.hsm.backend", "soft");

    @Autowired
    CryptoFixture crypto;

    @Test
    void crypto() throws Exception {
        assumeTrue(Benchmarks.selected("crypto"));
        Holder holder = crypto.holder("AES_256", KeyPurpose.ENCRYPT, Sensitivity.MEDIUM, Permission.USE_ENCRYPT);
        byte[] kib = new byte[1024];
        ThreadLocalRandom.current().nextBytes(kib);
        String body = "{\"plaintext\":\"" + Base64.getEncoder().encodeToString(kib) + "\"}";
        Path encrypt = script("encrypt", holder.bearer(), body);
        Path baseline = script("baseline", holder.bearer(), body);
        String encryptUrl = "http://127.0.0.1:" + PORT + "/api/v1/keys/" + holder.key() + "/encrypt";
        String baselineUrl = "http://127.0.0.1:" + PORT + BaselineController.PATH;

        // Both paths are warmed (compiled) before either is measured, then measured in alternating rounds, so
        // neither pays for the other's JIT or for a slower moment of the machine.
        wrk(baselineUrl, baseline, WARM_UP);
        wrk(encryptUrl, encrypt, WARM_UP);
        List<Result> base = new ArrayList<>();
        List<Result> enc = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            base.add(wrk(baselineUrl, baseline, MEASURE.dividedBy(ROUNDS)));
            enc.add(wrk(encryptUrl, encrypt, MEASURE.dividedBy(ROUNDS)));
        }

        Result e = Result.of(enc);
        Result b = Result.of(base);
        Benchmarks.print("crypto.encrypt", "ops_per_s", String.format("%.0f", e.perSecond()),
                "p99_ms", String.format("%.2f", e.p99Millis()), "p50_ms", String.format("%.2f", e.p50Millis()),
                "p99_rounds_ms", p99s(enc), "clients", CLIENTS, "seconds", MEASURE.toSeconds(), "backend", BACKEND,
                "load", "wrk");
        Benchmarks.print("crypto.baseline", "ops_per_s", String.format("%.0f", b.perSecond()),
                "p99_ms", String.format("%.2f", b.p99Millis()), "p99_rounds_ms", p99s(base), "backend", BACKEND);
        Benchmarks.print("crypto.ratio", "value", String.format("%.2f", e.perSecond() / b.perSecond()),
                "p99_ratio", String.format("%.2f", e.p99Millis() / b.p99Millis()), "backend", BACKEND);
    }

    static String p99s(List<Result> rounds) {
        return String.join("/", rounds.stream().map(r -> String.format("%.1f", r.p99Millis())).toList());
    }

    /**
     * One wrk round's figures; a run's percentiles are the worst round's (wrk reports percentiles, not samples, so
     * rounds cannot be merged exactly, and the worst is the honest bound).
     */
    record Result(long calls, double seconds, double p50Millis, double p99Millis) {

        static Result of(List<Result> rounds) {
            return new Result(rounds.stream().mapToLong(Result::calls).sum(), rounds.stream().mapToDouble(Result::seconds).sum(),
                    rounds.stream().mapToDouble(Result::p50Millis).max().orElseThrow(),
                    rounds.stream().mapToDouble(Result::p99Millis).max().orElseThrow());
        }

        double perSecond() {
            return calls / seconds;
        }
    }

    private static final Pattern RESULT = Pattern.compile("RESULT requests=(\\d+) micros=(\\d+) p50=(\\d+) p99=(\\d+) "
            + "errors=(\\d+) non2xx=(\\d+)");

    /** A wrk script that posts {@code body} with the token and prints one RESULT line when done. */
    static Path script(String name, String bearer, String body) throws IOException {
        Path file = Path.of("target", "bench-" + name + ".lua");
        Files.writeString(file, String.join("\n",
                "wrk.method = \"POST\"",
                "wrk.body = '" + body + "'",
                "wrk.headers[\"Content-Type\"] = \"application/json\"",
                "wrk.headers[\"Authorization\"] = \"" + bearer + "\"",
                "done = function(summary, latency, requests)",
                "  local e = summary.errors",
                "  io.write(string.format(\"RESULT requests=%d micros=%d p50=%d p99=%d errors=%d non2xx=%d\\n\",",
                "    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),",
                "    e.connect + e.read + e.write + e.timeout, e.status))",
                "end", ""), StandardCharsets.UTF_8);
        return file;
    }

    /** Runs wrk with {@link #CLIENTS} connections on two threads for {@code duration}; every answer must be 200. */
    static Result wrk(String url, Path script, Duration duration) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + CLIENTS, "-d" + duration.toSeconds() + "s",
                "--timeout", "10s", "-s", script.toString(), url).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(wrk.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)).as("wrk ends").isTrue();
        Matcher m = RESULT.matcher(output);
        assertThat(m.find()).as("wrk's result in: " + output).isTrue();
        assertThat(Map.of("errors", m.group(5), "non2xx", m.group(6))).as("every answer a 200")
                .isEqualTo(Map.of("errors", "0", "non2xx", "0"));
        return new Result(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) / 1e6,
                Long.parseLong(m.group(3)) / 1e3, Long.parseLong(m.group(4)) / 1e3);
    }
}
