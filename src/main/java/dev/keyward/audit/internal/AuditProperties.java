package dev.keyward.audit.internal;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code keyward.audit.*}: checkpoint every {@code checkpointEntries} entries or {@code checkpointInterval},
 * whichever comes first; the sealer looks for new entries every {@code sealInterval}; every signed checkpoint is
 * also kept by the {@code witness}.
 */
@ConfigurationProperties("keyward.audit")
public record AuditProperties(@DefaultValue("1000") int checkpointEntries, @DefaultValue("10s") Duration checkpointInterval,
                              @DefaultValue("25ms") Duration sealInterval, @DefaultValue("1000") int sealBatch,
                              @DefaultValue Witness witness) {

    /**
     * @param file   the append-only witness file; keep it off the database's storage
     * @param syslog optionally also send each checkpoint to a syslog collector ({@code host:port}, UDP)
     */
    public record Witness(@DefaultValue("./audit-witness/checkpoints.ndjson") Path file, String syslog) {
    }
}
