package dev.keyward.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keyward.access.Permission;
import dev.keyward.crypto.CryptoFixture;
import dev.keyward.crypto.CryptoFixture.Holder;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code mvn -B -q verify -Pbench -Dbench=crypto}: 32 HTTP clients (keep-alive, one thread each) encrypt 1 KiB
 * through {@code POST /api/v1/keys/{alias}/encrypt} for 30 s against the running application on PostgreSQL, and
 * in the same run call a baseline endpoint that only authenticates the same token and answers 1 KiB
 * ({@link BaselineController}). Each phase has its own warm-up. Add {@code -Dkeyward.hsm.backend=pkcs11
 * -Dkeyward.hsm.pkcs11.config=target/softhsm/keyward-test.cfg -Dkeyward.hsm.pkcs11.pin=1234} to run the
 * application on SoftHSM2.
 */
class CryptoBenchmark extends IntegrationTest {

    static final int CLIENTS = Integer.getInteger("bench.crypto.clients", 32);
    static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.crypto.warmup", 10));
    static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.crypto.seconds", 30));
    static final int ROUNDS = 3;
    /** The backend the application runs on: soft unless started with {@code -Dkeyward.hsm.backend=pkcs11 ...}. */
    static final String BACKEND = System.getProperty("keyward.hsm.backend", "soft");

    @Autowired
    CryptoFixture crypto;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void crypto() throws Exception {
        assumeTrue(Benchmarks.selected("crypto"));
        Holder holder = crypto.holder("AES_256", KeyPurpose.ENCRYPT, Sensitivity.MEDIUM, Permission.USE_ENCRYPT);
        byte[] kib = new byte[1024];
        ThreadLocalRandom.current().nextBytes(kib);
        String body = "{\"plaintext\":\"" + Base64.getEncoder().encodeToString(kib) + "\"}";
        HttpRequest encrypt = post("/api/v1/keys/" + holder.key() + "/encrypt", holder.bearer(), body);
        HttpRequest baseline = post(BaselineController.PATH, holder.bearer(), body);

        // Both paths are warmed (compiled) before either is measured, then measured in alternating rounds, so
        // neither pays for the other's JIT or for a slower moment of the machine.
        load(baseline, WARM_UP);
        load(encrypt, WARM_UP);
        Result base = Result.EMPTY;
        Result enc = Result.EMPTY;
        for (int round = 0; round < ROUNDS; round++) {
            base = base.plus(load(baseline, MEASURE.dividedBy(ROUNDS)));
            enc = enc.plus(load(encrypt, MEASURE.dividedBy(ROUNDS)));
        }

        Benchmarks.print("crypto.encrypt", "ops_per_s", String.format("%.0f", enc.perSecond()),
                "p99_ms", String.format("%.2f", enc.percentile(0.99)), "p50_ms", String.format("%.2f", enc.percentile(0.5)),
                "clients", CLIENTS, "seconds", MEASURE.toSeconds(), "backend", BACKEND);
        Benchmarks.print("crypto.baseline", "ops_per_s", String.format("%.0f", base.perSecond()),
                "p99_ms", String.format("%.2f", base.percentile(0.99)), "backend", BACKEND);
        Benchmarks.print("crypto.ratio", "value", String.format("%.2f", enc.perSecond() / base.perSecond()),
                "backend", BACKEND);
    }

    private static HttpRequest post(String path, String bearer, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path)).header("Authorization", bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    record Result(long calls, double seconds, long[] nanos) {
        static final Result EMPTY = new Result(0, 0, new long[0]);

        Result plus(Result other) {
            long[] merged = Arrays.copyOf(nanos, nanos.length + other.nanos.length);
            System.arraycopy(other.nanos, 0, merged, nanos.length, other.nanos.length);
            Arrays.sort(merged);
            return new Result(calls + other.calls, seconds + other.seconds, merged);
        }

        double perSecond() {
            return calls / seconds;
        }

        double percentile(double p) {
            return nanos[(int) Math.min(nanos.length - 1, Math.floor(nanos.length * p))] / 1e6;
        }
    }

    /** {@link #CLIENTS} threads call {@code request} back to back for {@code duration}; every answer must be 200. */
    private Result load(HttpRequest request, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Future<long[]>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(pool.submit(() -> {
                long[] nanos = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(response.statusCode() + " " + response.body());
                    }
                    if (n == nanos.length) {
                        nanos = Arrays.copyOf(nanos, n * 2);
                    }
                    nanos[n++] = System.nanoTime() - t0;
                }
                return Arrays.copyOf(nanos, n);
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> client : clients) {
            long[] one = client.get();
            long[] merged = Arrays.copyOf(all, all.length + one.length);
            System.arraycopy(one, 0, merged, all.length, one.length);
            all = merged;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(all);
        return new Result(all.length, seconds, all);
    }
}
