package dev.keyward.crypto.internal;

import dev.keyward.crypto.CryptoEvents;
import dev.keyward.crypto.CryptoOperation;
import dev.keyward.keys.Sensitivity;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts allowed crypto calls in memory and adds them to the database at short intervals and when Keyward stops,
 * so the hot path never writes a row per call. Counting is exact: tallies are merged and taken out of the maps
 * atomically (a call that lands after a take starts a new tally for the next flush), and a tally whose write
 * fails goes back for the next one. Uses of keys below {@code keyward.crypto.audit-each-use-from} are audited
 * here as one entry per key, caller, operation and minute once that minute is over.
 */
@Component
public class UsageMeter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UsageMeter.class);

    /** One grant's use of one operation. */
    public record GrantUse(String grantId, CryptoOperation operation, String key, String principal) {
    }

    /** How often, when last and from where. */
    public record Tally(long uses, Instant lastUse, String lastClient) {
        Tally plus(Tally other) {
            boolean otherIsLater = other.lastUse.isAfter(lastUse);
            return new Tally(uses + other.uses, otherIsLater ? other.lastUse : lastUse,
                    otherIsLater ? other.lastClient : lastClient);
        }
    }

    /** One minute of one caller's use of one operation on one key. */
    public record MinuteUse(String key, Instant minute, String principal, CryptoOperation operation, boolean audited) {
    }

    private final ConcurrentHashMap<GrantUse, Tally> grants = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<MinuteUse, Long> minutes = new ConcurrentHashMap<>();
    private final UsageStore store;
    private final TransactionTemplate ownTransaction;
    private final ApplicationEventPublisher events;
    private final CryptoProperties properties;
    private final Clock clock;
    private volatile boolean running;

    UsageMeter(UsageStore store, PlatformTransactionManager transactions, ApplicationEventPublisher events,
               CryptoProperties properties, Clock clock) {
        this.store = store;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Counts one allowed call. */
    public void record(String grantId, String key, String principal, CryptoOperation operation, Sensitivity sensitivity,
                       String client, Instant at) {
        grants.merge(new GrantUse(grantId, operation, key, principal), new Tally(1, at, client), Tally::plus);
        boolean audited = sensitivity.compareTo(properties.auditEachUseFrom()) >= 0;
        minutes.merge(new MinuteUse(key, at.truncatedTo(ChronoUnit.MINUTES), principal, operation, audited), 1L, Long::sum);
    }

    @Scheduled(fixedDelayString = "${keyward.crypto.usage-flush-interval:5s}")
    public void flush() {
        flush(false);
    }

    /**
     * Writes every tally; minutes are written (and summarised in the audit log) once they are over, or all of
     * them when {@code everything} (on stop).
     */
    synchronized void flush(boolean everything) {
        for (GrantUse use : List.copyOf(grants.keySet())) {
            Tally tally = grants.remove(use);
            if (tally != null) {
                write(() -> store.addGrantUse(use, tally), () -> grants.merge(use, tally, Tally::plus));
            }
        }
        Instant currentMinute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        for (MinuteUse use : List.copyOf(minutes.keySet())) {
            if (!everything && !use.minute().isBefore(currentMinute)) {
                continue;
            }
            Long uses = minutes.remove(use);
            if (uses != null) {
                write(() -> {
                    store.addMinute(use, uses);
                    if (!use.audited()) {
                        events.publishEvent(new CryptoEvents.KeyUseSummary(use.key(), use.principal(), use.operation(), use.minute(), uses));
                    }
                }, () -> minutes.merge(use, uses, Long::sum));
            }
        }
    }

    /** Writes in a transaction of its own; on failure the tally goes back for the next flush. */
    private void write(Runnable write, Runnable putBack) {
        try {
            ownTransaction.executeWithoutResult(status -> write.run());
        } catch (RuntimeException e) {
            putBack.run();
            log.warn("Usage could not be written; it is kept for the next flush: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** A clean stop writes everything counted, so a restart loses nothing. */
    @Override
    public void stop() {
        flush(true);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (lower phases stop later), so no call can land after the last flush. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
