package dev.keyward.shell.internal;

import java.time.Duration;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the event publication registry small: a completed publication (a listener that ran) is kept a week for
 * diagnosis, then deleted. Incomplete ones stay until they complete; each start resubmits them.
 */
@Component
class EventPublications {

    static final Duration KEEP_COMPLETED = Duration.ofDays(7);

    private final CompletedEventPublications completed;

    EventPublications(CompletedEventPublications completed) {
        this.completed = completed;
    }

    @Scheduled(initialDelay = 60_000, fixedDelay = 3_600_000)
    void purgeCompleted() {
        completed.deletePublicationsOlderThan(KEEP_COMPLETED);
    }
}
