package dev.keyward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.shell.internal.HistoryLevelFailureAnalyzer;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

/** A database from the engine's old history level gets a plain explanation, other engine failures do not. */
class HistoryLevelFailureAnalyzerTest {

    @Test
    void explainsAHistoryLevelMismatchOnly() {
        var analyzer = new HistoryLevelFailureAnalyzer();
        var mismatch = new ProcessEngineException("historyLevel mismatch: configuration says HistoryLevelAudit(name=audit, "
                + "id=2) and database says HistoryLevelFull(name=full, id=3)");
        var analysis = analyzer.analyze(new IllegalStateException("context failed", mismatch));
        assertThat(analysis.getDescription()).contains("database says HistoryLevelFull");
        assertThat(analysis.getAction()).contains("delete the ./data folder", "camunda.bpm.history-level");
        assertThat(analyzer.analyze(new ProcessEngineException("something else"))).isNull();
    }
}
