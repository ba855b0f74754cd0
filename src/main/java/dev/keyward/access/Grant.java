package dev.keyward.access;

import java.time.Instant;
import java.util.Set;

/** A principal's time-bound permissions on a key, born from an approved request. */
public record Grant(String id, String principal, String key, Set<Permission> permissions, Instant validFrom,
                    Instant validUntil, String originRequest, GrantStatus status, Instant endedAt, String endedBy,
                    String endReason) {

    public boolean activeAt(Instant now) {
        return status == GrantStatus.ACTIVE && !now.isBefore(validFrom) && now.isBefore(validUntil);
    }
}
