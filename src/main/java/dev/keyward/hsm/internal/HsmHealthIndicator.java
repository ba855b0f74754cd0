package dev.keyward.hsm.internal;

import dev.keyward.hsm.HsmBackend;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** The HSM in {@code /actuator/health}: Keyward is DOWN when its HSM cannot serve. */
@Component("hsm")
class HsmHealthIndicator implements HealthIndicator {

    private final HsmBackend hsm;

    HsmHealthIndicator(HsmBackend hsm) {
        this.hsm = hsm;
    }

    @Override
    public Health health() {
        var health = hsm.health();
        return (health.up() ? Health.up() : Health.down()).withDetail("backend", health.backend())
                .withDetail("detail", health.detail()).build();
    }
}
