package dev.keyward.keys.internal;

import dev.keyward.keys.KeyEvents.CryptoperiodEnding;
import dev.keyward.keys.KeyEvents.RotationDueSoon;
import dev.keyward.keys.KeyRotationService;
import dev.keyward.keys.RotationPeriods;
import dev.keyward.keys.internal.KeyRotationStore.Current;
import dev.keyward.keys.internal.KeyRotationStore.Notice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily look at every ACTIVE key (bpmn/KeyRotationSchedule.bpmn): tells the owner 30, 7 and 1 days before its
 * current version's rotation date (each once per version; a sweep that starts late sends only the nearest), and on
 * the date opens the rotation. Should the version still be current near the end of its cryptoperiod (when it stops
 * protecting new data), the owner and the grant holders hear 30, 7 and 1 days before and on the day. Each key in a
 * transaction of its own, so one key's trouble does not hold up the rest.
 */
@Component
public class RotationScheduler {

    private static final Logger log = LoggerFactory.getLogger(RotationScheduler.class);
    /** Days before the end of the cryptoperiod the owner and grant holders hear; 0: on the day. */
    static final List<Integer> EXPIRY_NOTICE_DAYS = List.of(30, 7, 1, 0);

    /** What one sweep did. */
    public record Sweep(int keys, int notices, int opened, int failed) {
    }

    private final KeyRotationStore store;
    private final KeyRotationService rotations;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate perKey;
    private final Clock clock;

    RotationScheduler(KeyRotationStore store, KeyRotationService rotations, ApplicationEventPublisher events,
                      PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.rotations = rotations;
        this.events = events;
        this.perKey = new TransactionTemplate(transactions);
        this.perKey.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    public Sweep sweep() {
        Instant now = clock.instant();
        int notices = 0;
        int opened = 0;
        int failed = 0;
        var keys = store.activeKeys();
        for (Current key : keys) {
            try {
                Step step = perKey.execute(status -> step(key, now).and(expiry(key, now)));
                notices += step.noticed() ? 1 : 0;
                opened += step.opened() ? 1 : 0;
            } catch (RuntimeException e) {
                failed++;
                log.warn("Rotation schedule: {} skipped this time: {}", key.key(), e.getMessage());
            }
        }
        return new Sweep(keys.size(), notices, opened, failed);
    }

    private record Step(boolean noticed, boolean opened) {
        Step and(boolean expiryNoticed) {
            return new Step(noticed || expiryNoticed, opened);
        }
    }

    /** Tells the owner and the grant holders, once each, that the current version stops protecting new data. */
    private boolean expiry(Current key, Instant now) {
        Instant endsAt = key.producesUntil();
        Integer nearest = EXPIRY_NOTICE_DAYS.stream().filter(d -> !now.isBefore(endsAt.minus(Duration.ofDays(d))))
                .reduce((a, b) -> b).orElse(null);
        if (nearest == null || !store.noticeOnce(Notice.EXPIRY, key.key(), key.version(), nearest, now)) {
            return false;
        }
        events.publishEvent(new CryptoperiodEnding(key.key(), key.owner(), key.version(), endsAt, nearest));
        return true;
    }

    private Step step(Current key, Instant now) {
        int days = key.periodDays() != null ? key.periodDays() : RotationPeriods.defaultDays(key.sensitivity());
        Instant dueAt = RotationPeriods.dueAt(key.since(), days);
        if (!now.isBefore(dueAt)) {
            return new Step(false, rotations.openScheduled(key.key()).isPresent());
        }
        Integer nearest = RotationPeriods.NOTICE_DAYS.stream()
                .filter(d -> !now.isBefore(dueAt.minus(Duration.ofDays(d)))).reduce((a, b) -> b).orElse(null);
        if (nearest != null && store.noticeOnce(Notice.ROTATION, key.key(), key.version(), nearest, now)) {
            events.publishEvent(new RotationDueSoon(key.key(), key.owner(), key.version(), dueAt, nearest));
            return new Step(true, false);
        }
        return new Step(false, false);
    }
}
