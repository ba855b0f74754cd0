package dev.keyward.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * How a grant has been used: how often, when last and from where (null when never), and which of its permissions
 * the uses needed ({@code exercised}: a grant holding DECRYPT that only ever encrypted has not exercised it).
 */
public record GrantUsage(String grantId, long uses, Instant lastUsedAt, String lastClient, Set<Permission> exercised) {

    public GrantUsage {
        exercised = exercised.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(exercised));
    }

    /** A grant never used. */
    public static GrantUsage never(String grantId) {
        return new GrantUsage(grantId, 0, null, null, Set.of());
    }

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

        /** Usage of every grant on these keys that has been used at least once (one look per key, not per grant). */
        Map<String, GrantUsage> onKeys(Collection<String> keyAliases);
    }
}
