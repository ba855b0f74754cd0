package dev.keyward.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** Real time plus an offset that tests move forward, so nothing has to sleep. */
public final class MutableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Instant> frozen = new AtomicReference<>();

    public void advance(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
    }

    /** Moves the clock to {@code at} (it goes on ticking from there). */
    public void set(Instant at) {
        offset.set(Duration.between(Instant.now(), at));
    }

    /** Stops the clock where it is until {@link #reset()} (for tests whose outcome must not depend on speed). */
    public void freeze() {
        frozen.set(instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)); // as databases store it
    }

    public void reset() {
        frozen.set(null);
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        Instant stopped = frozen.get();
        return stopped != null ? stopped : Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new IllegalArgumentException("Keyward works in UTC");
    }
}
