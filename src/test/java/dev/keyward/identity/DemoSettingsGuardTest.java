package dev.keyward.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyward.KeywardApplication;
import dev.keyward.identity.internal.DemoSettingsGuard;
import dev.keyward.identity.internal.DemoSettingsGuard.DemoSettingsException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

/** Production never starts with demo people, passwords or tokens. */
class DemoSettingsGuardTest {

    @Test
    void prodWithDemoRefusesToStartBeforeTouchingAnything() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(KeywardApplication.class)
                .run("--spring.profiles.active=prod,demo", "--spring.main.web-application-type=none"))
                .isInstanceOf(DemoSettingsException.class)
                .hasMessageContaining("'prod' and 'demo' profiles are both active");
    }

    @Test
    void demoTokensOutsideTheDemoProfileRefuseToStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(KeywardApplication.class)
                .run("--spring.profiles.active=prod", "--keyward.demo.api-tokens.frank=kwt_x",
                        "--spring.main.web-application-type=none"))
                .isInstanceOf(DemoSettingsException.class)
                .hasMessageContaining("keyward.demo.api-tokens is set outside the 'demo' profile");
    }

    @Test
    void theDemoProfileMayUseDemoTokens() {
        var guard = new DemoSettingsGuard();
        var environment = new MockEnvironment()
                .withProperty("keyward.demo.api-tokens.frank", "kwt_x");
        environment.setActiveProfiles("demo", "postgres");
        assertThatCode(() -> guard.postProcessEnvironment(environment, null)).doesNotThrowAnyException();
        environment.setActiveProfiles("prod");
        assertThatThrownBy(() -> guard.postProcessEnvironment(environment, null)).isInstanceOf(DemoSettingsException.class);
    }
}
