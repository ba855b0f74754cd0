package dev.keyward.crypto;

import dev.keyward.access.GrantUsage;
import dev.keyward.access.Permission;
import dev.keyward.common.InvalidInputException;
import dev.keyward.keys.KeyService;
import dev.keyward.keys.ManagedKey;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the meter recorded, as people read it: per grant (for the grant views), and per key over time and by
 * caller (for its owner, security officers and auditors). Figures include everything flushed, so they trail the
 * calls by at most {@code keyward.crypto.usage-flush-interval}.
 */
@Service
@Transactional(readOnly = true)
@PreAuthorize("isAuthenticated()")
public class UsageService implements GrantUsage.Source {

    /** How far back the key usage view looks, and the width of its bars. */
    public enum Window {
        LAST_HOUR(Duration.ofHours(1), ChronoUnit.MINUTES),
        LAST_DAY(Duration.ofDays(1), ChronoUnit.HOURS),
        LAST_30_DAYS(Duration.ofDays(30), ChronoUnit.DAYS);

        private final Duration length;
        private final ChronoUnit bucket;

        Window(Duration length, ChronoUnit bucket) {
            this.length = length;
            this.bucket = bucket;
        }

        public ChronoUnit bucket() {
            return bucket;
        }
    }

    /** Uses of one operation in one bucket (minute, hour or day). */
    public record Point(Instant bucket, CryptoOperation operation, long uses) {
    }

    /** One caller's use of one operation on the key, all time. */
    public record Caller(String principal, CryptoOperation operation, long uses, Instant lastUsedAt, String lastClient) {
    }

    /** A key's usage: the series in the window (buckets oldest first) and every caller. */
    public record KeyUsage(String key, Window window, List<Instant> buckets, List<Point> points, List<Caller> callers) {
    }

    /** One caller's use of one key version in the census window. */
    public record CallerUse(String principal, long uses, Instant lastUsedAt) {
    }

    /**
     * One version in the census: whether it is the current one, whether it was withdrawn ("retired", "compromised"),
     * and who used it how often in the window.
     */
    public record VersionUse(int version, boolean current, String withdrawn, long uses, Instant lastUsedAt,
                             List<CallerUse> callers) {
    }

    /** The rewrap census: use of each version of a key over the last {@code days} days (by day), newest version first. */
    public record Census(String key, int days, Instant since, List<VersionUse> versions) {
    }

    static final int MAX_CENSUS_DAYS = 365;
    /** Grant ids per {@code in (...)} list. */
    private static final int IN_CHUNK = 1000;

    private final JdbcClient jdbc;
    private final KeyService keys;
    private final Clock clock;

    UsageService(JdbcClient jdbc, KeyService keys, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * For the grant views, which show only grants their viewer may see, and for recertification, which asks about
     * every grant in a campaign's scope (in chunks, so a long list never makes one huge statement). Open to
     * workflows: a campaign launches without a signed-in person.
     */
    @Override
    @PreAuthorize("permitAll()")
    public Map<String, GrantUsage> of(Collection<String> grantIds) {
        return usage("grant_id", grantIds);
    }

    /** For recertification's launch: every grant's usage on the keys in a campaign's scope. Open to workflows. */
    @Override
    @PreAuthorize("permitAll()")
    public Map<String, GrantUsage> onKeys(Collection<String> keyAliases) {
        return usage("key_alias", keyAliases);
    }

    private Map<String, GrantUsage> usage(String column, Collection<String> values) {
        Map<String, GrantUsage> usage = new HashMap<>();
        List<String> all = List.copyOf(values);
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            String marks = String.join(",", chunk.stream().map(id -> "?").toList());
            jdbc.sql("select grant_id, operation, uses, last_used_at, last_client from crypto_usage where " + column
                            + " in (" + marks + ")")
                    .params(chunk)
                    .query((rs, i) -> new GrantUsage(rs.getString("grant_id"), rs.getLong("uses"),
                            rs.getTimestamp("last_used_at").toInstant(), rs.getString("last_client"),
                            CryptoOperation.valueOf(rs.getString("operation")).permissions()))
                    .list().forEach(u -> usage.merge(u.grantId(), u, UsageService::combine));
        }
        return usage;
    }

    /** The key's usage over {@code window}; for its owner, security officers and auditors. */
    public KeyUsage keyUsage(String alias, Window window) {
        if (keys.get(alias).restricted()) {
            throw new AccessDeniedException("Only the key's owner, security officers and auditors see how " + alias
                    + " is used.");
        }
        Instant now = clock.instant();
        Instant first = now.minus(window.length).truncatedTo(window.bucket).plus(1, window.bucket);
        List<Instant> buckets = new ArrayList<>();
        for (Instant b = first; !b.isAfter(now); b = b.plus(1, window.bucket)) {
            buckets.add(b);
        }
        Map<Instant, Map<CryptoOperation, Long>> series = new TreeMap<>();
        jdbc.sql("select minute_start, operation, uses from crypto_usage_minute where key_alias = ? and minute_start >= ?")
                .params(alias, Timestamp.from(first))
                .query((rs, i) -> new Point(rs.getTimestamp("minute_start").toInstant().truncatedTo(window.bucket),
                        CryptoOperation.valueOf(rs.getString("operation")), rs.getLong("uses")))
                .list().forEach(p -> series.computeIfAbsent(p.bucket(), b -> new TreeMap<>())
                        .merge(p.operation(), p.uses(), Long::sum));
        List<Point> points = new ArrayList<>();
        series.forEach((bucket, ops) -> ops.forEach((op, uses) -> points.add(new Point(bucket, op, uses))));
        Map<String, Caller> byCaller = new HashMap<>();
        jdbc.sql("select principal, operation, uses, last_used_at, last_client from crypto_usage where key_alias = ?")
                .param(alias)
                .query((rs, i) -> new Caller(rs.getString("principal"), CryptoOperation.valueOf(rs.getString("operation")),
                        rs.getLong("uses"), rs.getTimestamp("last_used_at").toInstant(), rs.getString("last_client")))
                .list().forEach(c -> byCaller.merge(c.principal() + "/" + c.operation(), c, (a, b) -> {
                    Caller later = b.lastUsedAt().isAfter(a.lastUsedAt()) ? b : a;
                    return new Caller(a.principal(), a.operation(), a.uses() + b.uses(), later.lastUsedAt(), later.lastClient());
                }));
        List<Caller> callers = byCaller.values().stream().sorted(Comparator.comparing(Caller::lastUsedAt).reversed()).toList();
        return new KeyUsage(alias, window, buckets, points, callers);
    }

    /**
     * Which callers still use which version of the key over the last {@code days} days (counted by day, so the first
     * day counts whole): what an owner looks at before retiring an old version. For its owner, security officers and
     * auditors.
     */
    public Census census(String alias, int days) {
        if (days < 1 || days > MAX_CENSUS_DAYS) {
            throw new InvalidInputException("days", "The census looks back 1 to " + MAX_CENSUS_DAYS + " days; " + days
                    + " is outside.");
        }
        ManagedKey key = keys.get(alias);
        if (key.restricted()) {
            throw new AccessDeniedException("Only the key's owner, security officers and auditors see how " + alias
                    + " is used.");
        }
        Instant since = clock.instant().minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.DAYS);
        record Row(int version, CallerUse caller) {
        }
        Map<Integer, List<CallerUse>> byVersion = new TreeMap<>();
        jdbc.sql("select version_no, principal, sum(uses) as uses, max(last_used_at) as last_used_at from crypto_usage_version "
                        + "where key_alias = ? and day_start >= ? group by version_no, principal")
                .params(alias, Timestamp.from(since))
                .query((rs, i) -> new Row(rs.getInt("version_no"), new CallerUse(rs.getString("principal"),
                        rs.getLong("uses"), rs.getTimestamp("last_used_at").toInstant())))
                .list().forEach(r -> byVersion.computeIfAbsent(r.version(), v -> new ArrayList<>()).add(r.caller()));
        List<VersionUse> versions = new ArrayList<>();
        for (ManagedKey.Version v : key.versions().stream().sorted(Comparator.comparingInt(ManagedKey.Version::number)
                .reversed()).toList()) {
            List<CallerUse> callers = byVersion.getOrDefault(v.number(), List.of()).stream()
                    .sorted(Comparator.comparingLong(CallerUse::uses).reversed().thenComparing(CallerUse::principal)).toList();
            versions.add(new VersionUse(v.number(), v.number() == key.versions().size(),
                    v.compromisedAt() != null ? "compromised" : v.retiredAt() != null ? "retired" : null,
                    callers.stream().mapToLong(CallerUse::uses).sum(),
                    callers.stream().map(CallerUse::lastUsedAt).max(Comparator.naturalOrder()).orElse(null), callers));
        }
        return new Census(alias, days, since, versions);
    }

    private static GrantUsage combine(GrantUsage a, GrantUsage b) {
        GrantUsage later = b.lastUsedAt().isAfter(a.lastUsedAt()) ? b : a;
        Set<Permission> exercised = EnumSet.noneOf(Permission.class);
        exercised.addAll(a.exercised());
        exercised.addAll(b.exercised());
        return new GrantUsage(a.grantId(), a.uses() + b.uses(), later.lastUsedAt(), later.lastClient(), exercised);
    }
}
