package dev.keyward.shell.internal;

import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Camunda refuses a database created at another history level; says what to do instead of a stack trace
 * (Keyward moved from the engine default {@code full} to {@code audit}).
 */
public class HistoryLevelFailureAnalyzer extends AbstractFailureAnalyzer<ProcessEngineException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProcessEngineException cause) {
        if (cause.getMessage() == null || !cause.getMessage().startsWith("historyLevel mismatch")) {
            return null;
        }
        return new FailureAnalysis("The workflow engine's database was created with another history level ("
                + cause.getMessage() + ").",
                "For a demo database, delete the ./data folder and start again. For a database you keep, set "
                        + "camunda.bpm.history-level to the level the database says.", cause);
    }
}
