package dev.keyward.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.audit.AuditTestSupport.TestEvent;
import dev.keyward.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

/** Many writers, each event in its own transaction, while sealing runs: one gap-free chain that verifies. */
class ConcurrentAppendTest extends IntegrationTest {

    static final int WRITERS = 8;
    static final int EVENTS_EACH = 150;

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    AuditTestSupport audit;
    @Autowired
    AuditLog log;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void concurrentWritersProduceOneGapFreeChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        Future<?> sealing = pool.submit(() -> {
            while (writing.get()) {
                audit.sealAll();
            }
        });
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < EVENTS_EACH; i++) {
                    int n = writer * EVENTS_EACH + i;
                    transactions.executeWithoutResult(s -> events.publishEvent(new TestEvent("test.concurrent", n)));
                }
            }));
        }
        for (Future<?> f : writers) {
            f.get();
        }
        writing.set(false);
        sealing.get();
        pool.shutdown();
        audit.sealAll();

        var written = audit.entries("test.concurrent");
        assertThat(written).hasSize(WRITERS * EVENTS_EACH);
        assertThat(written.stream().map(r -> r.get("target_id")).distinct()).hasSize(WRITERS * EVENTS_EACH);

        var shape = jdbc.queryForMap("select count(*) as n, min(seq) as lo, max(seq) as hi from audit_entry");
        long n = ((Number) shape.get("n")).longValue();
        assertThat(((Number) shape.get("lo")).longValue()).isEqualTo(1);
        assertThat(((Number) shape.get("hi")).longValue()).as("no gaps").isEqualTo(n);
        assertThat(jdbc.queryForObject("select count(*) from audit_inbox where action = 'test.concurrent'", Long.class))
                .isZero();

        AuditTestSupport.actAsAuditor();
        AuditVerification result = log.verify();
        assertThat(result.valid()).as(String.valueOf(result.problem())).isTrue();
        assertThat(result.entries()).isEqualTo(n);
    }
}
