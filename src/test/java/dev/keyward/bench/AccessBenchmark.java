package dev.keyward.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keyward.access.AccessFixture;
import dev.keyward.access.AccessPolicyService;
import dev.keyward.access.AccessRequest;
import dev.keyward.access.AccessRequestService;
import dev.keyward.access.GrantService;
import dev.keyward.access.NewAccessRequest;
import dev.keyward.access.Permission;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.Decision;
import dev.keyward.approvals.PreparedDecision;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import dev.keyward.support.Workflows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * {@code mvn -B -q verify -Pbench -Dbench=access}: MEDIUM-key access requests through the whole path on
 * PostgreSQL, through the service layer: submit (process start, approval opened), two passkey-signed decisions
 * (prepare, software authenticator signs, verify and store), provisioning (decisions re-verified, grant created).
 * 4 workers, a warm-up of 100 requests, then 1,000 measured.
 */
class AccessBenchmark extends IntegrationTest {

    static final int WARM_UP = Integer.getInteger("bench.access.warmup", 100);
    static final int MEASURED = Integer.getInteger("bench.access.requests", 1000);
    static final int WORKERS = Integer.getInteger("bench.access.workers", 4);
    static final int REQUESTERS = 40;

    @Autowired
    AccessFixture fixture;
    @Autowired
    TestPeople people;
    @Autowired
    AccessRequestService requests;
    @Autowired
    AccessPolicyService policy;
    @Autowired
    ApprovalService approvals;
    @Autowired
    Workflows workflows;
    @Autowired
    GrantService grants;

    @Test
    void access() throws Exception {
        assumeTrue(Benchmarks.selected("access"));
        var cast = fixture.cast();
        List<String> requesters = new ArrayList<>();
        for (int i = 0; i < REQUESTERS; i++) {
            String requester = people.createReportingTo("bench-requester", cast.manager());
            fixture.as(requester);
            policy.acknowledge(policy.current().version());
            requesters.add(requester);
        }
        int keysNeeded = (WARM_UP + MEASURED) / REQUESTERS + 1;
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < keysNeeded; i++) {
            keys.add(fixture.activeKey(Sensitivity.MEDIUM, cast.owner(), cast.officer1()));
        }
        AtomicInteger next = new AtomicInteger();
        List<Long> decisionNanos = Collections.synchronizedList(new ArrayList<>());
        run(WARM_UP, next, requesters, keys, cast, Collections.synchronizedList(new ArrayList<>()));
        submitNanos.clear();
        provisionNanos.clear();
        long start = System.nanoTime();
        run(MEASURED, next, requesters, keys, cast, decisionNanos);
        double seconds = (System.nanoTime() - start) / 1e9;

        List<Long> sorted = new ArrayList<>(decisionNanos);
        Collections.sort(sorted);
        Benchmarks.print("access.end_to_end", "requests_per_s", String.format("%.1f", MEASURED / seconds),
                "requests", MEASURED, "seconds", String.format("%.1f", seconds), "workers", WORKERS);
        Benchmarks.print("access.decision", "p99_ms", String.format("%.2f", sorted.get((int) (sorted.size() * 0.99)) / 1e6),
                "p50_ms", String.format("%.2f", sorted.get(sorted.size() / 2) / 1e6), "decisions", sorted.size());
        Benchmarks.print("access.submit", "p50_ms", String.format("%.2f", median(submitNanos) / 1e6));
        Benchmarks.print("access.provision", "p50_ms", String.format("%.2f", median(provisionNanos) / 1e6));
    }

    private static long median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private final List<Long> submitNanos = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> provisionNanos = Collections.synchronizedList(new ArrayList<>());

    private void run(int count, AtomicInteger next, List<String> requesters, List<String> keys, AccessFixture.Cast cast,
                     List<Long> decisionNanos) throws Exception {
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
                    long t1 = System.nanoTime();
                    workflows.runJobsOf(request.id());
                    provisionNanos.add(System.nanoTime() - t1);
                    fixture.as(requester);
                    assertThat(grants.mine()).as("provisioned").anyMatch(g -> g.originRequest().equals(request.id()));
                    SecurityContextHolder.clearContext();
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
    }

    private void decide(String approver, String slotId, List<Long> decisionNanos) {
        long t0 = System.nanoTime();
        fixture.as(approver);
        PreparedDecision prepared = approvals.prepare(slotId, Decision.APPROVE, null);
        approvals.decide(prepared.nonce(), fixture.passkey(approver).sign(prepared));
        decisionNanos.add(System.nanoTime() - t0);
    }
}
