package dev.keyward.identity.internal;

import dev.keyward.identity.IdentityEvents.AccountLocked;
import dev.keyward.identity.IdentityEvents.Method;
import dev.keyward.identity.IdentityEvents.SignInFailed;
import dev.keyward.identity.IdentityEvents.SignedIn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows down password guessing: after a few consecutive failures every attempt must wait a doubling delay, and
 * a run of {@code lockAfterFailures} failures locks the account until an admin unlocks it. Attempts made while
 * the delay runs are refused without checking the password and without counting, so a slow attacker gets
 * nowhere and a fast one cannot lock an account any sooner.
 *
 * <p>Under any concurrency: an attempt is first <em>claimed</em> with the person's row locked, and counted as a
 * failure right then (a success takes it back), so a second attempt arriving while the first one's password is
 * being checked already sees it. Each step is its own transaction that writes its audit record, so every attempt
 * is audited and none is lost to a write conflict.
 */
@Component
class SignInThrottle {

    /** What the claim decided. */
    enum Claim { CLAIMED, THROTTLED, UNKNOWN_PERSON }

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

    /**
     * Claims one password attempt: refused (and audited) while the delay runs, otherwise counted as a failure until
     * {@link #recordSuccess} takes it back. Unknown names are not refused here (they fail at the password check).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Claim claim(String username) {
        var person = people.findForUpdate(username);
        if (person.isEmpty()) {
            return Claim.UNKNOWN_PERSON;
        }
        PersonEntity p = person.get();
        Instant now = clock.instant();
        if (p.getLastFailedAt() != null && now.isBefore(p.getLastFailedAt().plus(delayAfter(p.getFailedSignIns())))) {
            events.publishEvent(new SignInFailed(username, Method.PASSWORD, "THROTTLED"));
            return Claim.THROTTLED;
        }
        p.countSignInAttempt(now);
        return Claim.CLAIMED;
    }

    /** A wrong password (or unknown user): audited, and the account locked at the limit (already counted). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordFailure(String username, String reason) {
        events.publishEvent(new SignInFailed(username, Method.PASSWORD, reason));
        people.findForUpdate(username).ifPresent(p -> {
            if (p.lockIfAtLimit(clock.instant(), policy.lockAfterFailures())) {
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
        PersonEntity person = people.findForUpdate(username).orElseThrow();
        events.publishEvent(new SignedIn(username, person.getDisplayName(), Method.PASSWORD));
        person.recordSuccessfulSignIn();
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
