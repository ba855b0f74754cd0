package dev.keyward.audit.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code keyward.audit.*}: checkpoint every {@code checkpointEntries} entries or {@code checkpointInterval},
 * whichever comes first; the sealer looks for new entries every {@code sealInterval}.
 */
@ConfigurationProperties("keyward.audit")
public record AuditProperties(@DefaultValue("1000") int checkpointEntries, @DefaultValue("10s") Duration checkpointInterval,
                              @DefaultValue("25ms") Duration sealInterval, @DefaultValue("1000") int sealBatch) {
}
