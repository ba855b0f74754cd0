package dev.keyward.identity.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start when demo settings could leak into a real deployment: the {@code prod} profile together with
 * {@code demo}, or demo API tokens outside the {@code demo} profile. Runs before anything touches a database.
 */
public class DemoSettingsGuard implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        check(effectiveProfiles(environment), !Binder.get(environment)
                .bind("keyward.demo.api-tokens", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of()).isEmpty());
    }

    static void check(List<String> profiles, boolean demoTokensConfigured) {
        if (profiles.contains("prod") && profiles.contains("demo")) {
            throw new DemoSettingsException("The 'prod' and 'demo' profiles are both active.",
                    "Remove 'demo' from spring.profiles.active: production never loads demo people or passwords.");
        }
        if (demoTokensConfigured && !profiles.contains("demo")) {
            throw new DemoSettingsException("keyward.demo.api-tokens is set outside the 'demo' profile.",
                    "Remove keyward.demo.api-tokens; outside the demo, people create API tokens under 'My security'.");
        }
    }

    private static List<String> effectiveProfiles(ConfigurableEnvironment environment) {
        String[] active = environment.getActiveProfiles();
        return Arrays.asList(active.length > 0 ? active : environment.getDefaultProfiles());
    }

    /** Why Keyward refused to start, and what to do about it. */
    public static class DemoSettingsException extends IllegalStateException {

        private final String action;

        DemoSettingsException(String description, String action) {
            super(description);
            this.action = action;
        }
    }

    /** Prints the refusal as a plain "APPLICATION FAILED TO START" report instead of a stack trace. */
    public static class Analyzer extends AbstractFailureAnalyzer<DemoSettingsException> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, DemoSettingsException cause) {
            return new FailureAnalysis("Demo settings are not allowed here: " + cause.getMessage(), cause.action, cause);
        }
    }
}
