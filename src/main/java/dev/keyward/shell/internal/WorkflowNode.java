package dev.keyward.shell.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.UnlockJobCmd;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes workflow jobs survive a node that dies while holding them, with the engine's own means. The job executor
 * locks the jobs it takes for {@code camunda.bpm.job-execution.lock-time-in-millis} (15 s here), so another node takes
 * a dead node's jobs within seconds; and it locks them under this node's stable id ({@code keyward.workflow.node-id},
 * default host name and engine name) instead of a random one per start, so a restarted node unlocks what it held at
 * once, through the engine's unlock command. A job run twice that way is still done once: its completion is checked
 * against the job's version, so the slower run rolls back.
 */
@Component
class WorkflowNode extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(WorkflowNode.class);

    private final String configuredId;
    private volatile String nodeId;
    private volatile ProcessEngineConfigurationImpl configuration;

    WorkflowNode(@Value("${keyward.workflow.node-id:}") String configuredId) {
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
        List<String> held = engine.getManagementService().createJobQuery().acquired().list().stream()
                .filter(job -> job instanceof JobEntity entity && nodeId.equals(entity.getLockOwner()))
                .map(job -> job.getId()).toList();
        int released = 0;
        for (String jobId : held) {
            try {
                configuration.getCommandExecutorTxRequired().execute(new UnlockJobCmd(jobId));
                released++;
            } catch (ProcessEngineException gone) {
                log.debug("Job {} ended before it could be unlocked: {}", jobId, gone.getMessage());
            }
        }
        if (released > 0) {
            log.warn("Released {} workflow job(s) that this node ({}) held when it stopped; they run again now", released,
                    nodeId);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
