package dev.keyward.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keyward.access.AccessFixture;
import dev.keyward.access.AccessRequestService;
import dev.keyward.access.NewAccessRequest;
import dev.keyward.access.Permission;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * {@code mvn -B -q verify -Pbench -Dbench=inbox}: how long the approvals inbox takes to read for a busy approver.
 * Every page of the application asks it (the bell counts it), and a security officer's inbox holds every open
 * officer slot of the organisation. 500 HIGH-key requests wait for a manager, the key owner and a security
 * officer; the officer's inbox is read for 3 s of warm-up, then for 10 s (`-Dbench.inbox.requests`, `.seconds`).
 */
class InboxBenchmark extends IntegrationTest {

    static final int REQUESTS = Integer.getInteger("bench.inbox.requests", 500);
    static final int SECONDS = Integer.getInteger("bench.inbox.seconds", 10);
    static final int REQUESTERS = 25;

    @Autowired
    AccessFixture fixture;
    @Autowired
    AccessRequestService requests;
    @Autowired
    ApprovalService approvals;

    @Test
    void inbox() {
        assumeTrue(Benchmarks.selected("inbox"));
        var cast = fixture.cast();
        List<String> requesters = fixture.requestersOf(cast.manager(), "inbox-requester", REQUESTERS);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < REQUESTS / REQUESTERS; i++) {
            keys.add(fixture.activeKey(Sensitivity.HIGH, cast.owner(), cast.officer1()));
        }
        for (int n = 0; n < REQUESTS; n++) {
            fixture.as(requesters.get(n % REQUESTERS));
            requests.submit(new NewAccessRequest(keys.get(n / REQUESTERS), Set.of(Permission.USE_ENCRYPT), null,
                    AccessFixture.JUSTIFICATION, 5, null));
        }
        fixture.as(cast.officer2());
        int items = approvals.inbox().size();
        assertThat(items).as("every request waits for a security officer").isGreaterThanOrEqualTo(REQUESTS);

        read(3);
        List<Long> nanos = read(SECONDS);
        SecurityContextHolder.clearContext();
        Collections.sort(nanos);
        Benchmarks.print("inbox.officer", "p50_ms", String.format("%.2f", nanos.get(nanos.size() / 2) / 1e6),
                "p99_ms", String.format("%.2f", nanos.get((int) (nanos.size() * 0.99)) / 1e6), "items", items,
                "reads", nanos.size());
    }

    private List<Long> read(int seconds) {
        List<Long> nanos = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            approvals.inbox();
            nanos.add(System.nanoTime() - t0);
        }
        return nanos;
    }
}
