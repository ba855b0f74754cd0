package dev.keyward.crypto.internal;

import dev.keyward.keys.KeyDependents;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Callers that used a key (or one of its versions: the rewrap census) recently rely on it: the crypto API's meter
 * (flushed figures) says who and how often.
 */
@Component
class RecentUse implements KeyDependents {

    private record Caller(String principal, long uses) {
    }

    private final JdbcClient jdbc;

    RecentUse(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> of(String alias, Instant since) {
        return sentence(jdbc.sql("select principal, sum(uses) as uses from crypto_usage_minute where key_alias = ? "
                        + "and minute_start >= ? group by principal order by sum(uses) desc, principal")
                .params(alias, Timestamp.from(since))
                .query((rs, i) -> new Caller(rs.getString("principal"), rs.getLong("uses"))).list(), "Used", since);
    }

    /** Counted by day: a use on the day {@code since} falls in counts. */
    @Override
    public List<String> ofVersion(String alias, int version, Instant since) {
        return sentence(jdbc.sql("select principal, sum(uses) as uses from crypto_usage_version where key_alias = ? "
                        + "and version_no = ? and day_start >= ? group by principal order by sum(uses) desc, principal")
                .params(alias, version, Timestamp.from(since.truncatedTo(ChronoUnit.DAYS)))
                .query((rs, i) -> new Caller(rs.getString("principal"), rs.getLong("uses"))).list(),
                "Version " + version + " was used", since);
    }

    private static List<String> sentence(List<Caller> callers, String subject, Instant since) {
        if (callers.isEmpty()) {
            return List.of();
        }
        long total = callers.stream().mapToLong(Caller::uses).sum();
        return List.of(subject + " " + total + (total == 1 ? " time" : " times") + " since "
                + since.atZone(ZoneOffset.UTC).toLocalDate() + " by " + callers.stream()
                .map(c -> c.principal() + " (" + c.uses() + ")").collect(Collectors.joining(", ")) + ".");
    }
}
