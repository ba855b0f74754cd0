package dev.keyward.recertification.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code keyward.recertification.*}: campaign durations (business days), after how long without use a grant is
 * recommended for revocation, how often reviewers with pending items are reminded, how many business days before the
 * deadline late reviewers are escalated to the security officers, the largest signed batch and how long a prepared
 * batch may wait for its signature.
 */
@ConfigurationProperties("keyward.recertification")
public record RecertificationProperties(@DefaultValue("10") int defaultDurationDays,
                                        @DefaultValue("60") int maxDurationDays,
                                        @DefaultValue("30d") Duration unusedAfter,
                                        @DefaultValue("7d") Duration remindEvery,
                                        @DefaultValue("2") int escalateBusinessDaysBefore,
                                        @DefaultValue("1000") int maxBatch,
                                        @DefaultValue("5m") Duration signatureTimeout) {

    public RecertificationProperties {
        if (defaultDurationDays < 1 || maxDurationDays < defaultDurationDays || escalateBusinessDaysBefore < 0
                || maxBatch < 1 || remindEvery.toMinutes() < 1 || unusedAfter.toDays() < 1) {
            throw new IllegalArgumentException("keyward.recertification needs 1 <= default-duration-days <= "
                    + "max-duration-days, escalate-business-days-before >= 0, max-batch >= 1, remind-every >= 1m and "
                    + "unused-after >= 1d.");
        }
    }
}
