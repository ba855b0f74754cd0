package dev.keyward.shell.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes workflow jobs survive a node that dies while holding them. Camunda's job executor locks the jobs it takes
 * for {@code camunda.bpm.job-execution.lock-time-in-millis} under a random owner per start, so a crashed node's jobs
 * waited five minutes. Here the owner is the node's stable id ({@code keyward.workflow.node-id}, default host name
 * and engine name): a restarted node releases its old locks at once; while it lives it keeps its locks
 * {@link #LEASE} ahead, renewing them every {@link #RENEW_EVERY}, so with a short lock time another node takes a
 * dead node's jobs within seconds. A job run twice that way is still done once: its completion is checked against
 * the job's version, so the slower run rolls back.
 */
@Component
class WorkflowNode extends AbstractProcessEnginePlugin {

    /** How far ahead a live node's locks reach; the lock time of a new lock should not be longer. */
    static final Duration LEASE = Duration.ofSeconds(15);
    static final Duration RENEW_EVERY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(WorkflowNode.class);

    private final JdbcTemplate jdbc;
    private final String configuredId;
    private volatile String nodeId;
    private volatile ProcessEngineConfigurationImpl configuration;

    WorkflowNode(JdbcTemplate jdbc, @Value("${keyward.workflow.node-id:}") String configuredId) {
        this.jdbc = jdbc;
        this.configuredId = configuredId;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
        this.nodeId = configuredId.isBlank() ? hostName() + "/" + configuration.getProcessEngineName() : configuredId;
        if (configuration.getJobExecutor() != null) {
            configuration.getJobExecutor().setLockOwner(nodeId);
        }
    }

    /** Before the job executor starts: jobs this node held when it last stopped (or died) are free again. */
    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        int released = jdbc.update("update ACT_RU_JOB set LOCK_OWNER_ = null, LOCK_EXP_TIME_ = null where LOCK_OWNER_ = ?",
                nodeId);
        if (released > 0) {
            log.warn("Released {} workflow job(s) that this node ({}) held when it stopped; they run again now", released,
                    nodeId);
        }
    }

    /** Keeps this node's locks {@link #LEASE} ahead while it lives (Camunda's own clock: the system's). */
    @Scheduled(fixedDelay = 5000, initialDelay = 5000)
    void renewLocks() {
        if (configuration == null || configuration.getJobExecutor() == null || !configuration.getJobExecutor().isActive()) {
            return;
        }
        jdbc.update("update ACT_RU_JOB set LOCK_EXP_TIME_ = ? where LOCK_OWNER_ = ? and LOCK_EXP_TIME_ is not null",
                Timestamp.from(Instant.now().plus(LEASE)), nodeId);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
