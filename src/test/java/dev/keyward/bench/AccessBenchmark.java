package dev.keyward.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keyward.access.AccessFixture;
import dev.keyward.access.AccessRequest;
import dev.keyward.access.AccessRequestService;
import dev.keyward.access.NewAccessRequest;
import dev.keyward.access.Permission;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.Decision;
import dev.keyward.approvals.PreparedDecision;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.Workflows;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * {@code mvn -B -q verify -Pbench -Dbench=access}: MEDIUM-key access requests through the whole path on
 * PostgreSQL, through the service layer: submit (process start, approval opened), two passkey-signed decisions
 * (prepare, software authenticator signs, verify and store), provisioning by the job executor as in production
 * (decisions re-verified, grant created). 4 workers, a warm-up of 500 requests (the JIT compiler is still busy
 * after 100), then 1,000 measured; the clock stops when the last of them is granted.
 *
 * <p>In the same run, a baseline: the same process shape (service task, call activity, receive task with three
 * timers, gateway, async service task on the job executor, timer wait; {@code bench/access-baseline.bpmn.xml})
 * with do-nothing delegates, started and settled by the same number of workers. Its throughput is what the engine
 * and database allow; Keyward's share of the time per request is the governance cost (identity, approvals,
 * passkey signatures, audit, grants).
 */
class AccessBenchmark extends IntegrationTest {

    static final int WARM_UP = Integer.getInteger("bench.access.warmup", 500);
    static final int MEASURED = Integer.getInteger("bench.access.requests", 1000);
    static final int WORKERS = Integer.getInteger("bench.access.workers", 4);
    static final int REQUESTERS = 40;

    @Autowired
    AccessFixture fixture;
    @Autowired
    AccessRequestService requests;
    @Autowired
    ApprovalService approvals;
    @Autowired
    Workflows workflows;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;

    @Test
    void access() throws Exception {
        assumeTrue(Benchmarks.selected("access"));
        assertThat(workflows.jobExecutorActive()).as("provisioning runs on the job executor").isTrue();
        double baseline = baselineRequestsPerSecond();
        var cast = fixture.cast();
        List<String> requesters = fixture.requestersOf(cast.manager(), "bench-requester", REQUESTERS);
        int keysNeeded = (WARM_UP + MEASURED) / REQUESTERS + 1;
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < keysNeeded; i++) {
            keys.add(fixture.activeKey(Sensitivity.MEDIUM, cast.owner(), cast.officer1()));
        }
        AtomicInteger next = new AtomicInteger();
        List<Long> decisionNanos = Collections.synchronizedList(new ArrayList<>());
        awaitGranted(run(WARM_UP, next, requesters, keys, cast, Collections.synchronizedList(new ArrayList<>())));
        submitNanos.clear();
        long start = System.nanoTime();
        List<String> measured = run(MEASURED, next, requesters, keys, cast, decisionNanos);
        awaitGranted(measured);
        double seconds = (System.nanoTime() - start) / 1e9;

        List<Long> sorted = new ArrayList<>(decisionNanos);
        Collections.sort(sorted);
        Benchmarks.print("access.end_to_end", "requests_per_s", String.format("%.1f", MEASURED / seconds),
                "requests", MEASURED, "seconds", String.format("%.1f", seconds), "workers", WORKERS);
        Benchmarks.print("access.decision", "p99_ms", String.format("%.2f", sorted.get((int) (sorted.size() * 0.99)) / 1e6),
                "p50_ms", String.format("%.2f", sorted.get(sorted.size() / 2) / 1e6), "decisions", sorted.size());
        Benchmarks.print("access.submit", "p50_ms", String.format("%.2f", median(submitNanos) / 1e6));
        double keyward = MEASURED / seconds;
        Benchmarks.print("access.baseline", "requests_per_s", String.format("%.1f", baseline), "requests", MEASURED,
                "workers", WORKERS);
        Benchmarks.print("access.governance", "ratio", String.format("%.3f", keyward / baseline), "keyward_share",
                String.format("%.2f", 1 - keyward / baseline));
        Benchmarks.print("access.provision", "p50_ms", String.format("%.2f", provisionP50Millis(measured)));
    }

    /** Waits until every one of {@code requestIds} is GRANTED (the job executor provisions them); fails after 60 s. */
    private void awaitGranted(List<String> requestIds) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (granted(requestIds) < requestIds.size()) {
            assertThat(System.nanoTime()).as("all provisioned within 60 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private int granted(List<String> requestIds) {
        return jdbc.queryForObject("select count(*) from access_request r join access_grant g on g.origin_request = r.id "
                + "where r.status = 'GRANTED' and r.id = any(?)", Integer.class, (Object) requestIds.toArray(String[]::new));
    }

    /** Median time from the last decision to the grant (both stamped by the application's clock). */
    private double provisionP50Millis(List<String> requestIds) {
        List<Double> millis = jdbc.queryForList("select extract(epoch from (g.valid_from - max(d.decided_at))) * 1000 "
                + "from access_request r join access_grant g on g.origin_request = r.id "
                + "join approvals_decision d on d.case_id = r.approval_id where r.id = any(?) group by g.id, g.valid_from",
                Double.class, (Object) requestIds.toArray(String[]::new));
        Collections.sort(millis);
        return millis.get(millis.size() / 2);
    }

    private static long median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** The same process shape with do-nothing delegates: warm-up, then {@link #MEASURED} timed to the last "grant". */
    private double baselineRequestsPerSecond() throws Exception {
        String deployment;
        try (InputStream model = getClass().getResourceAsStream("/bench/access-baseline.bpmn.xml")) {
            deployment = repository.createDeployment().name("access-baseline")
                    .addInputStream("AccessBaseline.bpmn", model).deploy().getId();
        }
        runBaseline(WARM_UP);
        long start = System.nanoTime();
        runBaseline(MEASURED);
        double perSecond = MEASURED / ((System.nanoTime() - start) / 1e9);
        // Its instances, timers and history go, so that Keyward is measured on the tables it would have found.
        repository.deleteDeployment(deployment, true);
        return perSecond;
    }

    /** Starts and settles {@code count} baseline requests on the workers, then waits for the job executor. */
    private void runBaseline(int count) throws Exception {
        int target = NoOpDelegate.Granted.COUNT.get() + count;
        AtomicInteger remaining = new AtomicInteger(count);
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(pool.submit(() -> {
                while (remaining.getAndDecrement() > 0) {
                    String businessKey = UUID.randomUUID().toString();
                    runtime.startProcessInstanceByKey("BaselineRequest", businessKey);
                    runtime.createMessageCorrelation("BaselineSettled").processInstanceBusinessKey(businessKey).correlate();
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (NoOpDelegate.Granted.COUNT.get() < target) {
            assertThat(System.nanoTime()).as("baseline provisioned within 60 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private final List<Long> submitNanos = Collections.synchronizedList(new ArrayList<>());

    /** Submits and approves {@code count} requests on the workers; returns their ids. */
    private List<String> run(int count, AtomicInteger next, List<String> requesters, List<String> keys,
                             AccessFixture.Cast cast, List<Long> decisionNanos) throws Exception {
        List<String> submitted = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        AtomicInteger remaining = new AtomicInteger(count);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(pool.submit(() -> {
                while (remaining.getAndDecrement() > 0) {
                    int n = next.getAndIncrement();
                    String requester = requesters.get(n % requesters.size());
                    String key = keys.get(n / requesters.size());
                    fixture.as(requester);
                    long t0 = System.nanoTime();
                    AccessRequest request = requests.submit(new NewAccessRequest(key, Set.of(Permission.USE_ENCRYPT),
                            null, AccessFixture.JUSTIFICATION, 5, null));
                    submitNanos.add(System.nanoTime() - t0);
                    decide(cast.manager(), request.approval().slots().get(0).id(), decisionNanos);
                    decide(cast.owner(), request.approval().slots().get(1).id(), decisionNanos);
                    submitted.add(request.id());
                    SecurityContextHolder.clearContext();
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return submitted;
    }

    private void decide(String approver, String slotId, List<Long> decisionNanos) {
        long t0 = System.nanoTime();
        fixture.as(approver);
        PreparedDecision prepared = approvals.prepare(slotId, Decision.APPROVE, null);
        approvals.decide(prepared.nonce(), fixture.passkey(approver).sign(prepared));
        decisionNanos.add(System.nanoTime() - t0);
    }
}
