package dev.keyward.keys;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code keyward.keys.retirement.quiet-days}: how long the rewrap census must show no use of an old version before it
 * may be retired without an override (default 30 days).
 */
@ConfigurationProperties("keyward.keys.retirement")
public record RetirementQuietPeriod(@DefaultValue("30") int quietDays) {

    public RetirementQuietPeriod {
        if (quietDays < 1 || quietDays > 365) {
            throw new IllegalArgumentException("keyward.keys.retirement.quiet-days is " + quietDays + "; it must be 1 to 365.");
        }
    }
}
