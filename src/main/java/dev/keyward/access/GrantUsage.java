package dev.keyward.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** How a grant has been used: how often, when last and from where (null when never). */
public record GrantUsage(String grantId, long uses, Instant lastUsedAt, String lastClient) {

    /**
     * Whether the grant has gone {@code period} without a use while it was in force (counted from its start when
     * never used): what recertification asks about.
     */
    public boolean unusedFor(Grant grant, Duration period, Instant now) {
        Instant since = lastUsedAt != null ? lastUsedAt : grant.validFrom();
        return grant.activeAt(now) && !since.plus(period).isAfter(now);
    }

    /** Where usage comes from; the crypto module meters every use and provides it. */
    public interface Source {

        /** Usage of each grant that has been used at least once; the others are absent. */
        Map<String, GrantUsage> of(Collection<String> grantIds);
    }
}
