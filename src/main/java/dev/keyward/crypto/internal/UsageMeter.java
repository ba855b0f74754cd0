package dev.keyward.crypto.internal;

import dev.keyward.crypto.CryptoEvents;
import dev.keyward.crypto.CryptoOperation;
import dev.keyward.keys.Sensitivity;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Counts allowed crypto calls in memory and adds them to the database every second (by default) and when Keyward
 * stops, so the hot path never writes a row per call, and a crash loses at most the last interval's counts. The
 * per-grant totals, the per-version daily census and the per-minute series are written at every flush (the current minute grows in place),
 * in one transaction. Counting is exact: tallies are merged and taken out of the maps atomically (a call that lands
 * after a take starts a new tally for the next flush), and tallies whose write fails go back for the next one.
 * Uses of keys below {@code keyward.crypto.audit-each-use-from} are audited here as one entry per key, caller,
 * operation and minute once that minute is over (a crash loses the summary of the minute in progress, not its
 * counts).
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

    /** One day of one caller's use of one version of a key (the rewrap census). */
    public record VersionUse(String key, int version, String principal, Instant day) {
    }

    private final ConcurrentHashMap<GrantUse, Tally> grants = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<VersionUse, Tally> versions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<MinuteUse, Long> minutes = new ConcurrentHashMap<>();
    /** Per-minute totals of uses audited as minute summaries, until their minute is over. */
    private final ConcurrentHashMap<MinuteUse, Long> summaries = new ConcurrentHashMap<>();
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

    /** Counts one allowed call with {@code version} of the key (for a rewrap, the version it came from). */
    public void record(String grantId, String key, int version, String principal, CryptoOperation operation,
                       Sensitivity sensitivity, String client, Instant at) {
        grants.merge(new GrantUse(grantId, operation, key, principal), new Tally(1, at, client), Tally::plus);
        versions.merge(new VersionUse(key, version, principal, at.truncatedTo(ChronoUnit.DAYS)), new Tally(1, at, null),
                Tally::plus);
        boolean audited = sensitivity.compareTo(properties.auditEachUseFrom()) >= 0;
        MinuteUse minute = new MinuteUse(key, at.truncatedTo(ChronoUnit.MINUTES), principal, operation, audited);
        minutes.merge(minute, 1L, Long::sum);
        if (!audited) {
            summaries.merge(minute, 1L, Long::sum);
        }
    }

    @Scheduled(fixedDelayString = "${keyward.crypto.usage-flush-interval:1s}")
    public void flush() {
        flush(false);
    }

    /**
     * Writes every tally, totals and minutes alike, in one transaction; summarises the minutes that are over in the
     * audit log (all of them when {@code everything}, on stop).
     */
    synchronized void flush(boolean everything) {
        Map<GrantUse, Tally> grantTallies = take(grants);
        Map<VersionUse, Tally> versionTallies = take(versions);
        Map<MinuteUse, Long> minuteTallies = take(minutes);
        Instant currentMinute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Map<MinuteUse, Long> over = new HashMap<>();
        for (MinuteUse minute : List.copyOf(summaries.keySet())) {
            if (everything || minute.minute().isBefore(currentMinute)) {
                Long uses = summaries.remove(minute);
                if (uses != null) {
                    over.put(minute, uses);
                }
            }
        }
        if (grantTallies.isEmpty() && versionTallies.isEmpty() && minuteTallies.isEmpty() && over.isEmpty()) {
            return;
        }
        try {
            ownTransaction.executeWithoutResult(status -> {
                grantTallies.forEach(store::addGrantUse);
                versionTallies.forEach(store::addVersionUse);
                minuteTallies.forEach(store::addMinute);
                over.forEach((m, uses) -> events.publishEvent(
                        new CryptoEvents.KeyUseSummary(m.key(), m.principal(), m.operation(), m.minute(), uses)));
            });
            log.debug("Usage written: {} grant tallies, {} minute tallies, {} minute summaries", grantTallies.size(),
                    minuteTallies.size(), over.size());
        } catch (RuntimeException e) {
            grantTallies.forEach((use, tally) -> grants.merge(use, tally, Tally::plus));
            versionTallies.forEach((use, tally) -> versions.merge(use, tally, Tally::plus));
            minuteTallies.forEach((use, uses) -> minutes.merge(use, uses, Long::sum));
            over.forEach((use, uses) -> summaries.merge(use, uses, Long::sum));
            log.warn("Usage could not be written; it is kept for the next flush: {}", e.getMessage());
        }
    }

    /** Takes every tally out of {@code tallies}, each atomically. */
    private static <K, V> Map<K, V> take(ConcurrentHashMap<K, V> tallies) {
        Map<K, V> taken = new HashMap<>();
        for (K key : List.copyOf(tallies.keySet())) {
            V value = tallies.remove(key);
            if (value != null) {
                taken.put(key, value);
            }
        }
        return taken;
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
