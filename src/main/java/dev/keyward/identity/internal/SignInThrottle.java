package dev.keyward.identity.internal;

import java.time.Clock;
import java.time.Duration;
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

    SignInThrottle(PersonRepository people, Clock clock, IdentityProperties properties) {
        this.people = people;
        this.clock = clock;
        this.policy = properties.signIn();
    }

    /** Whether {@code username} may try a password now; unknown names always may (they fail anyway). */
    @Transactional(readOnly = true)
    public boolean mayAttempt(String username) {
        return people.findByUsername(username)
                .map(p -> p.getLastFailedAt() == null
                        || !clock.instant().isBefore(p.getLastFailedAt().plus(delayAfter(p.getFailedSignIns()))))
                .orElse(true);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordFailure(String username) {
        people.findByUsername(username).ifPresent(p -> p.recordFailedSignIn(clock.instant(), policy.lockAfterFailures()));
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordSuccess(String username) {
        people.findByUsername(username).filter(p -> p.getFailedSignIns() > 0).ifPresent(PersonEntity::recordSuccessfulSignIn);
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
