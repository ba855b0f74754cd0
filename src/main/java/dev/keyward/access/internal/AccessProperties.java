package dev.keyward.access.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code keyward.access.*}: how much justification a request needs, and after how long without a use a grant is
 * marked unused. Default durations come from the key's sensitivity and its policy caps them
 * ({@code Sensitivity.maxGrantDays}, {@code KeyReference.maxGrantDays}).
 */
@ConfigurationProperties("keyward.access")
public record AccessProperties(@DefaultValue("20") int minJustification, @DefaultValue("2000") int maxJustification,
                               @DefaultValue("30d") Duration unusedAfter) {
}
