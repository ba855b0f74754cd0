package dev.keyward.keys;

import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code keyward.keys.destruction.*}: how long a key waits between approved destruction and the HSM destroying it
 * (per sensitivity, 7 to 90 days, default 30; a request may ask for longer, never for shorter), and how far back
 * use of the key blocks its destruction.
 */
@ConfigurationProperties("keyward.keys.destruction")
public record DestructionPeriods(Map<Sensitivity, Integer> waitingDays, @DefaultValue("30") int recentUseDays) {

    public static final int MIN_DAYS = 7;
    public static final int MAX_DAYS = 90;
    static final int DEFAULT_DAYS = 30;

    public DestructionPeriods {
        Map<Sensitivity, Integer> days = new EnumMap<>(Sensitivity.class);
        for (Sensitivity s : Sensitivity.values()) {
            int d = waitingDays == null ? DEFAULT_DAYS : waitingDays.getOrDefault(s, DEFAULT_DAYS);
            if (d < MIN_DAYS || d > MAX_DAYS) {
                throw new IllegalArgumentException("keyward.keys.destruction.waiting-days." + s + " is " + d
                        + "; it must be " + MIN_DAYS + " to " + MAX_DAYS + " days.");
            }
            days.put(s, d);
        }
        waitingDays = Map.copyOf(days);
        if (recentUseDays < 1) {
            throw new IllegalArgumentException("keyward.keys.destruction.recent-use-days must be at least 1.");
        }
    }

    /** The shortest wait a key of {@code sensitivity} may have, and its default. */
    public int waitingDays(Sensitivity sensitivity) {
        return waitingDays.get(sensitivity);
    }
}
