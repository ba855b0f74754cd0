package dev.keyward.identity.internal;

import dev.keyward.identity.IdentityEvents.AccountLocked;
import dev.keyward.identity.IdentityEvents.Method;
import dev.keyward.identity.IdentityEvents.SignInFailed;
import dev.keyward.identity.IdentityEvents.SignedIn;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows down password guessing: after a few consecutive failures every attempt must wait a doubling delay, and
 * a run of {@code lockAfterFailures} failures locks the account until an admin unlocks it. Attempts made while
 * the delay runs are refused without checking the password and without counting, so a slow attacker gets
 * nowhere and a fast one cannot lock an account any sooner.
 */
@Component
class SignInThrottle {

    private final PersonRepository people;
    private final Clock clock;
    private final IdentityProperties.SignIn policy;
    private final ApplicationEventPublisher events;

    SignInThrottle(PersonRepository people, Clock clock, IdentityProperties properties, ApplicationEventPublisher events) {
        this.people = people;
        this.clock = clock;
        this.policy = properties.signIn();
        this.events = events;
    }

    /** Whether {@code username} may try a password now; unknown names always may (they fail anyway). */
    @Transactional(readOnly = true)
    public boolean mayAttempt(String username) {
        return people.findByUsername(username)
                .map(p -> p.getLastFailedAt() == null
                        || !clock.instant().isBefore(p.getLastFailedAt().plus(delayAfter(p.getFailedSignIns()))))
                .orElse(true);
    }

    /** A wrong password (or unknown user): counted, audited, and the account locked at the limit. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordFailure(String username, String reason) {
        events.publishEvent(new SignInFailed(username, Method.PASSWORD, reason));
        people.findByUsername(username).ifPresent(p -> {
            boolean wasLocked = p.isLocked();
            p.recordFailedSignIn(clock.instant(), policy.lockAfterFailures());
            if (p.isLocked() && !wasLocked) {
                events.publishEvent(new AccountLocked(username, p.getFailedSignIns()));
            }
        });
    }

    /** An attempt refused without checking the password (throttled, locked, inactive, absurd name). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordRefusal(String username, String reason) {
        events.publishEvent(new SignInFailed(username, Method.PASSWORD, reason));
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordSuccess(String username) {
        PersonEntity person = people.findByUsername(username).orElseThrow();
        events.publishEvent(new SignedIn(username, person.getDisplayName(), Method.PASSWORD));
        if (person.getFailedSignIns() > 0) {
            person.recordSuccessfulSignIn();
        }
    }

    /** 0 for the first free failures, then 1 s, 2 s, 4 s ... capped at the configured maximum. */
    Duration delayAfter(int failures) {
        int excess = failures - policy.freeFailures();
        if (excess <= 0) {
            return Duration.ZERO;
        }
        Duration delay = Duration.ofSeconds(1L << Math.min(excess - 1, 30));
        return delay.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : delay;
    }

}
