package dev.keyward.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.KeywardApplication;
import dev.keyward.access.AccessFixture;
import dev.keyward.access.AccessFixture.Cast;
import dev.keyward.access.AccessRequest;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestWitness;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A node dies while it holds the job that creates a grant. When it comes back (same node id) the job runs at once,
 * not after the lock expires, and exactly one grant exists; a live node's locks last only seconds, so another node
 * could take them over within seconds.
 */
class JobRecoveryTest extends IntegrationTest {

    @Autowired
    AccessFixture access;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aRestartedNodeRunsTheJobsItHeldAtOnceAndKeepsItsLocksShort() {
        Cast cast = access.cast();
        String key = access.activeKey(Sensitivity.LOW, cast.owner(), cast.officer1());
        AccessRequest request = access.request(cast.requester(), key);
        access.approveAll(cast, request.id());
        Job provisioning = management.createJobQuery().processInstanceId(runtime.createProcessInstanceQuery().processInstanceBusinessKey(request.id()).singleResult().getId()).executable().singleResult();
        assertThat(provisioning).as("the grant waits for the job executor").isNotNull();
        // What a node killed while holding the job leaves behind: its lock, five minutes ahead (Camunda's default).
        jdbc.update("update ACT_RU_JOB set LOCK_OWNER_ = ?, LOCK_EXP_TIME_ = ? where ID_ = ?", "crashed-node",
                Timestamp.from(Instant.now().plus(Duration.ofMinutes(5))), provisioning.getId());

        try (var node = new SpringApplicationBuilder(KeywardApplication.class).run("--server.port=0",
                "--camunda.bpm.process-engine-name=restartedNode", "--keyward.workflow.node-id=crashed-node",
                "--camunda.bpm.job-execution.enabled=true", "--keyward.webauthn.origins=" + baseUrl(), TestWitness.ownWitness())) {
            long up = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> grants(request.id()) > 0);
            assertThat(Duration.ofNanos(System.nanoTime() - up)).as("provisioned within seconds of the node being up")
                    .isLessThan(Duration.ofSeconds(10));

            // While it lives, the engine locks what it takes only briefly and under this node's id.
            var executor = node.getBean(org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration.class).getJobExecutor();
            assertThat(executor.getLockOwner()).isEqualTo("crashed-node");
            assertThat(executor.getLockTimeInMillis()).as("another node takes a dead node's jobs within seconds")
                    .isLessThanOrEqualTo(15_000);
        }
        assertThat(grants(request.id())).as("exactly one grant").isEqualTo(1);
        assertThat(jdbc.queryForObject("select status from access_request where id = ?", String.class, request.id()))
                .isEqualTo("GRANTED");
    }

    private int grants(String requestId) {
        return jdbc.queryForObject("select count(*) from access_grant where origin_request = ?", Integer.class, requestId);
    }
}
