package dev.keyward.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Drives the engine's jobs in tests (the job executor is off in the test profile): runs async continuations, and
 * fires one process's timers once the test has moved time past them, so tests never sleep and never disturb
 * each other's processes. Where the job executor runs (benchmarks), it waits for the executor instead.
 */
@Component
public class Workflows {

    private final ManagementService management;
    private final RuntimeService runtime;
    private final ProcessEngine engine;

    Workflows(ManagementService management, RuntimeService runtime, ProcessEngine engine) {
        this.management = management;
        this.runtime = runtime;
        this.engine = engine;
    }

    /** Runs every async continuation that is waiting, repeatedly, until none is left. */
    public void runDueJobs() {
        runUntilNoneLeft(() -> management.createJobQuery().executable().list());
    }

    /**
     * Runs the waiting async continuations of the process with {@code businessKey} itself (not of processes it
     * called), safe beside other threads' processes; asked per instance, an indexed look-up.
     */
    public void runJobsOf(String businessKey) {
        List<String> instances = runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list()
                .stream().map(ProcessInstance::getId).toList();
        Supplier<List<Job>> executable = () -> instances.stream()
                .flatMap(id -> management.createJobQuery().processInstanceId(id).executable().list().stream()).toList();
        if (jobExecutorActive()) {
            awaitNoneLeft(executable);
        } else {
            runUntilNoneLeft(executable);
        }
    }

    public boolean jobExecutorActive() {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor().isActive();
    }

    private static void awaitNoneLeft(Supplier<List<Job>> executable) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (executable.get().stream().anyMatch(j -> j.getDuedate() == null)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The job executor left jobs waiting for 30 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Executes the async continuations (jobs without a due date) {@code executable} finds, until it finds none. */
    private void runUntilNoneLeft(Supplier<List<Job>> executable) {
        for (int round = 0; round < 20; round++) {
            List<Job> due = executable.get().stream().filter(j -> j.getDuedate() == null).toList();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
        throw new IllegalStateException("Jobs keep coming after 20 rounds");
    }

    /** The timers of the process with {@code businessKey} and the processes it called. */
    public List<Job> timers(String businessKey) {
        List<String> instances = instances(businessKey);
        return management.createJobQuery().timers().list().stream()
                .filter(j -> instances.contains(j.getProcessInstanceId())).toList();
    }

    /**
     * Fires that process's timers due at or before {@code now} (as moved by the test), earliest first, each with
     * the asynchronous work it started in that process and the processes it called, as the job executor would;
     * returns how many fired.
     */
    public int fireTimersDueBy(String businessKey, Instant now) {
        int fired = 0;
        while (true) {
            var next = timers(businessKey).stream().filter(j -> !j.getDuedate().toInstant().isAfter(now))
                    .min(Comparator.comparing(Job::getDuedate));
            if (next.isEmpty()) {
                return fired;
            }
            // The engine's clock stands at the test's moment while the timer fires, so a repeating timer schedules its
            // next run after it; only then, or every other process's timers would seem due too.
            ClockUtil.setCurrentTime(Date.from(now));
            try {
                management.executeJob(next.get().getId());
            } finally {
                ClockUtil.reset();
            }
            // Only this process's work (and its called processes'): other tests' processes must not run at a moved time.
            runUntilNoneLeft(() -> instances(businessKey).stream()
                    .flatMap(id -> management.createJobQuery().processInstanceId(id).executable().list().stream()).toList());
            fired++;
        }
    }

    private List<String> instances(String businessKey) {
        List<String> ids = new ArrayList<>();
        for (ProcessInstance root : runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list()) {
            ids.add(root.getId());
            runtime.createProcessInstanceQuery().superProcessInstanceId(root.getId()).list().forEach(sub -> ids.add(sub.getId()));
        }
        return ids;
    }
}
