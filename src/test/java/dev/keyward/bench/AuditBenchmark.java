package dev.keyward.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keyward.audit.AuditEntry;
import dev.keyward.audit.AuditLog;
import dev.keyward.audit.AuditTestSupport;
import dev.keyward.audit.AuditTestSupport.TestEvent;
import dev.keyward.audit.AuditVerification;
import dev.keyward.audit.internal.AuditHashing;
import dev.keyward.audit.internal.AuditSealer;
import dev.keyward.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code mvn -B -q verify -Pbench -Dbench=audit}: sustained append from 16 writers (each event its own
 * transaction, sealed by the scheduled sealer as in production) and verification of at least 1,000,000 entries.
 */
class AuditBenchmark extends IntegrationTest {

    static final int WRITERS = 16;
    static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup", 5));
    static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 60));
    static final long VERIFY_ENTRIES = Long.getLong("bench.verifyEntries", 1_000_000);

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditSealer sealer;
    @Autowired
    AuditLog log;

    @Test
    void audit() throws Exception {
        assumeTrue(Benchmarks.selected("audit"));
        append();
        verify();
    }

    private void append() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        long warmUpEnd = System.nanoTime() + WARM_UP.toNanos();
        long end = warmUpEnd + MEASURE.toNanos();
        List<Future<long[]>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                    long start = System.nanoTime();
                    int i = n;
                    transactions.executeWithoutResult(s -> events.publishEvent(new TestEvent("bench.append", i)));
                    if (start >= warmUpEnd) {
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = System.nanoTime() - start;
                    }
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : writers) {
            all.add(f.get());
        }
        pool.shutdown();
        long drainStart = System.nanoTime();
        while (jdbc.queryForObject("select count(*) from audit_inbox", Long.class) > 0) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;

        long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        double perSecond = latencies.length / (double) MEASURE.toSeconds();
        Benchmarks.print("audit.append", "value", Math.round(perSecond), "unit", "events/s", "writers", WRITERS,
                "seconds", MEASURE.toSeconds(), "events", latencies.length);
        Benchmarks.print("audit.append_commit_p99", "value", ms(latencies, 0.99), "unit", "ms",
                "p50_ms", ms(latencies, 0.50), "max_ms", ms(latencies, 1.0));
        Benchmarks.print("audit.seal_backlog_drain", "value", String.format("%.2f", drainSeconds), "unit", "s");
    }

    private void verify() {
        long present = jdbc.queryForObject("select count(*) from audit_entry", Long.class);
        if (present < VERIFY_ENTRIES) {
            bulkAppend(VERIFY_ENTRIES - present);
        }
        sealer.checkpointNow();
        AuditTestSupport.actAsAuditor();
        try {
            log.verify(); // warm-up: JIT and database caches
            long start = System.nanoTime();
            AuditVerification result = log.verify();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(result.valid()).as(String.valueOf(result.problem())).isTrue();
            Benchmarks.print("audit.verify", "value", String.format("%.2f", seconds), "unit", "s",
                    "entries", result.entries(), "entries_per_s", Math.round(result.entries() / seconds));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Extends the real chain quickly (synthetic sealed entries, correctly hashed) so verification has a million rows. */
    private void bulkAppend(long count) {
        final int batch = 20_000;
        for (long done = 0; done < count; done += batch) {
            int size = (int) Math.min(batch, count - done);
            transactions.executeWithoutResult(s -> {
                var head = jdbc.queryForMap("select last_seq, last_hash from audit_head where id = 1 for update");
                long seq = ((Number) head.get("last_seq")).longValue();
                String hash = ((String) head.get("last_hash")).trim();
                List<Object[]> rows = new ArrayList<>(size);
                Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                for (int i = 0; i < size; i++) {
                    seq++;
                    var e = new AuditEntry(seq, at, "bench", "Benchmark", "bench.bulk", "test", Long.toString(seq),
                            "SUCCESS", "{\"n\":" + seq + "}", "127.0.0.1", "bench", hash, null);
                    String next = AuditHashing.hash(e, hash);
                    rows.add(new Object[] {seq, Timestamp.from(at), e.actorId(), e.actorName(), e.action(), e.targetType(),
                            e.targetId(), e.outcome(), e.details(), e.clientAddress(), e.userAgent(), hash, next});
                    hash = next;
                }
                jdbc.batchUpdate("insert into audit_entry (seq, occurred_at, actor_id, actor_name, action, target_type, "
                        + "target_id, outcome, details, client_address, user_agent, prev_hash, hash) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
                jdbc.update("update audit_head set last_seq = ?, last_hash = ? where id = 1", seq, hash);
            });
        }
    }

    private static String ms(long[] sorted, double quantile) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return String.format("%.2f", sorted[Math.max(index, 0)] / 1e6);
    }
}
