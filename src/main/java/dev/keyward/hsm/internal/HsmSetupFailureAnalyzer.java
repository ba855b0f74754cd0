package dev.keyward.hsm.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints an HSM set-up refusal (master key, tokens, transport key) as a plain "APPLICATION FAILED TO START" report. */
public class HsmSetupFailureAnalyzer extends AbstractFailureAnalyzer<HsmSetupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, HsmSetupException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action, cause);
    }
}
