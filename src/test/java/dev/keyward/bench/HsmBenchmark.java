package dev.keyward.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keyward.hsm.HsmBackend;
import dev.keyward.hsm.KeyAlgorithm;
import dev.keyward.hsm.internal.Pkcs11HsmBackend;
import dev.keyward.support.IntegrationTest;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.spec.GCMParameterSpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code mvn -B -q verify -Pbench -Dbench=hsm}: AES-GCM encryption of 1 KiB and ES256 signing through the
 * adapters (soft, and pkcs11 on SoftHSM2) against a raw JCA loop doing the same work on the same provider, one
 * thread, after a warm-up. Overhead = how much slower the adapter is than the raw loop. The AES encryption is also
 * measured with {@link #THREADS} threads (the crypto benchmark's client count): on PKCS#11 the raw loop shows what
 * the token itself does under that concurrency, so the adapter's share of the gap to the single-thread figure is
 * the difference between the two.
 */
class HsmBenchmark extends IntegrationTest {

    static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup", 3));
    static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 10));
    static final byte[] KIB = new byte[1024];
    static final int THREADS = Integer.getInteger("bench.threads", 32);

    @Autowired
    HsmBackend soft;

    @Test
    void hsm() throws Exception {
        assumeTrue(Benchmarks.selected("hsm"));
        SecureRandom random = new SecureRandom();

        KeyGenerator aes = KeyGenerator.getInstance("AES");
        aes.init(256);
        Key rawAes = aes.generateKey();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        PrivateKey rawEc = ec.generateKeyPair().getPrivate();
        compare("soft", soft, null, rawAes, rawEc, random);

        Path config = Path.of("target", "softhsm", "keyward-test.cfg");
        var pkcs11 = new Pkcs11HsmBackend("pkcs11", config, "1234".toCharArray());
        // The raw loop uses the very token objects the adapter made (token keys are slower than session keys
        // on SoftHSM2), through a second provider instance on the same slot.
        pkcs11.generate("bench-raw-aes", KeyAlgorithm.AES_256);
        pkcs11.generate("bench-raw-ec", KeyAlgorithm.EC_P256);
        Provider provider = Security.getProvider("SunPKCS11").configure("--" + Files.readString(config));
        KeyStore token = KeyStore.getInstance("PKCS11", provider);
        token.load(null, "1234".toCharArray());
        compare("pkcs11", pkcs11, provider, token.getKey("bench-raw-aes", null),
                (PrivateKey) token.getKey("bench-raw-ec", null), random);
    }

    private void compare(String name, HsmBackend backend, Provider provider, Key rawAes, PrivateKey rawEc,
                         SecureRandom random) throws Exception {
        String aesLabel = provider == null ? "bench-aes-" + UUID.randomUUID() : "bench-raw-aes";
        String ecLabel = provider == null ? "bench-ec-" + UUID.randomUUID() : "bench-raw-ec";
        backend.generate(aesLabel, KeyAlgorithm.AES_256);
        backend.generate(ecLabel, KeyAlgorithm.EC_P256);

        Rate adapterAes = rate(() -> backend.encrypt(aesLabel, KIB, null));
        Rate rawAesRate = rate(() -> {
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            Cipher cipher = provider == null ? Cipher.getInstance("AES/GCM/NoPadding")
                    : Cipher.getInstance("AES/GCM/NoPadding", provider);
            cipher.init(Cipher.ENCRYPT_MODE, rawAes, new GCMParameterSpec(128, iv));
            cipher.doFinal(KIB);
        });
        print(name, "aes_gcm_encrypt_1k", adapterAes, rawAesRate);
        Rate adapterAesLoaded = rate(THREADS, () -> backend.encrypt(aesLabel, KIB, null));
        ThreadLocal<SecureRandom> randoms = ThreadLocal.withInitial(SecureRandom::new); // no lock shared by the threads
        Rate rawAesLoaded = rate(THREADS, () -> {
            byte[] iv = new byte[12];
            randoms.get().nextBytes(iv);
            Cipher cipher = provider == null ? Cipher.getInstance("AES/GCM/NoPadding")
                    : Cipher.getInstance("AES/GCM/NoPadding", provider);
            cipher.init(Cipher.ENCRYPT_MODE, rawAes, new GCMParameterSpec(128, iv));
            cipher.doFinal(KIB);
        });
        print(name, "aes_gcm_encrypt_1k_" + THREADS + "_threads", adapterAesLoaded, rawAesLoaded);

        Rate adapterSign = rate(() -> backend.sign(ecLabel, KIB));
        Rate rawSign = rate(() -> {
            Signature signature = provider == null ? Signature.getInstance("SHA256withECDSAinP1363Format")
                    : Signature.getInstance("SHA256withECDSAinP1363Format", provider);
            signature.initSign(rawEc);
            signature.update(KIB);
            signature.sign();
        });
        print(name, "es256_sign", adapterSign, rawSign);
        backend.destroy(aesLabel);
        backend.destroy(ecLabel);
    }

    private static void print(String backend, String op, Rate adapter, Rate raw) {
        Benchmarks.print("hsm." + backend + "." + op, "ops_per_s", Math.round(adapter.perSecond()),
                "raw_ops_per_s", Math.round(raw.perSecond()),
                "overhead_pct", String.format("%.1f", (raw.perSecond() - adapter.perSecond()) / raw.perSecond() * 100),
                "cpu_us_per_op", String.format("%.1f", adapter.cpuMicrosPerOp()),
                "raw_cpu_us_per_op", String.format("%.1f", raw.cpuMicrosPerOp()));
    }

    /**
     * Throughput, and the process CPU time (all cores; SoftHSM2 runs inside the JVM) each operation cost: where a
     * token serializes its callers, more threads show as more CPU per operation, not more operations.
     */
    record Rate(double perSecond, double cpuMicrosPerOp) {
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private interface Op {
        void run() throws Exception;
    }

    /** Operations per second of {@code threads} threads running {@code op} together, after a warm-up together. */
    private static Rate rate(int threads, Op op) throws Exception {
        var pool = Executors.newFixedThreadPool(threads);
        try {
            long warmEnd = System.nanoTime() + WARM_UP.toNanos();
            long start = warmEnd;
            long end = start + MEASURE.toNanos();
            List<Future<Long>> counts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                counts.add(pool.submit(() -> {
                    while (System.nanoTime() < warmEnd) {
                        op.run();
                    }
                    long n = 0;
                    while (System.nanoTime() < end) {
                        op.run();
                        n++;
                    }
                    return n;
                }));
            }
            while (System.nanoTime() < start) {
                Thread.sleep(1);
            }
            long cpuStart = processCpuNanos();
            long total = 0;
            for (Future<Long> count : counts) {
                total += count.get();
            }
            long cpu = processCpuNanos() - cpuStart;
            return new Rate(total / ((end - start) / 1e9), cpu / 1e3 / total);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Operations per second over MEASURE, after WARM_UP of the same loop. */
    private static Rate rate(Op op) throws Exception {
        long warmEnd = System.nanoTime() + WARM_UP.toNanos();
        while (System.nanoTime() < warmEnd) {
            op.run();
        }
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        long end = start + MEASURE.toNanos();
        long n = 0;
        while (System.nanoTime() < end) {
            op.run();
            n++;
        }
        long cpu = processCpuNanos() - cpuStart;
        return new Rate(n / ((System.nanoTime() - start) / 1e9), cpu / 1e3 / n);
    }
}
