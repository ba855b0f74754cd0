package dev.keyward.bench;

import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** The access baseline's delegates: they do nothing, so the engine's own cost is what remains. */
public class NoOpDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        // nothing: the baseline measures the process shape, not Keyward's work
    }

    /** The baseline's "grant": counts how many instances got there. */
    public static class Granted implements JavaDelegate {

        static final AtomicInteger COUNT = new AtomicInteger();

        @Override
        public void execute(DelegateExecution execution) {
            COUNT.incrementAndGet();
        }
    }
}
