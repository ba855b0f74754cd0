package dev.keyward.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * When a signed-in session ends: after an idle period (shorter for privileged roles) or an absolute lifetime
 * counted from sign-in, whichever comes first.
 */
record SessionPolicy(Duration idle, Duration privilegedIdle, Duration absolute, Collection<String> privilegedAuthorities) {

    boolean isExpired(Instant signedInAt, Instant lastActivity, Collection<String> authorities, Instant now) {
        boolean privileged = authorities.stream().anyMatch(privilegedAuthorities::contains);
        Duration idleLimit = privileged ? privilegedIdle : idle;
        return now.isAfter(signedInAt.plus(absolute)) || now.isAfter(lastActivity.plus(idleLimit));
    }
}
