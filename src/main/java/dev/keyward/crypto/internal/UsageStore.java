package dev.keyward.crypto.internal;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Adds the meter's tallies to the usage tables: update first, insert when there was no row. The meter writes each
 * tally in a transaction of its own; when one fails (database away, another node inserted the same row first) it
 * keeps the tally and adds it at the next flush, so no count is lost.
 */
@Component
class UsageStore {

    private final JdbcClient jdbc;

    UsageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void addGrantUse(UsageMeter.GrantUse use, UsageMeter.Tally tally) {
        upsert(() -> jdbc.sql("update crypto_usage set uses = uses + ?, "
                        + "last_client = case when last_used_at <= ? then ? else last_client end, "
                        + "last_used_at = case when last_used_at <= ? then ? else last_used_at end "
                        + "where grant_id = ? and operation = ?")
                .params(tally.uses(), ts(tally.lastUse()), tally.lastClient(), ts(tally.lastUse()), ts(tally.lastUse()),
                        use.grantId(), use.operation().name()).update(),
                () -> jdbc.sql("insert into crypto_usage (grant_id, operation, key_alias, principal, uses, last_used_at, "
                                + "last_client) values (?, ?, ?, ?, ?, ?, ?)")
                        .params(use.grantId(), use.operation().name(), use.key(), use.principal(), tally.uses(),
                                ts(tally.lastUse()), tally.lastClient()).update());
    }

    public void addVersionUse(UsageMeter.VersionUse use, UsageMeter.Tally tally) {
        upsert(() -> jdbc.sql("update crypto_usage_version set uses = uses + ?, "
                        + "last_used_at = case when last_used_at <= ? then ? else last_used_at end "
                        + "where key_alias = ? and version_no = ? and principal = ? and day_start = ?")
                .params(tally.uses(), ts(tally.lastUse()), ts(tally.lastUse()), use.key(), use.version(), use.principal(),
                        ts(use.day())).update(),
                () -> jdbc.sql("insert into crypto_usage_version (key_alias, version_no, principal, day_start, uses, "
                                + "last_used_at) values (?, ?, ?, ?, ?, ?)")
                        .params(use.key(), use.version(), use.principal(), ts(use.day()), tally.uses(),
                                ts(tally.lastUse())).update());
    }

    public void addMinute(UsageMeter.MinuteUse use, long uses) {
        upsert(() -> jdbc.sql("update crypto_usage_minute set uses = uses + ? "
                        + "where key_alias = ? and minute_start = ? and principal = ? and operation = ?")
                .params(uses, use.key(), ts(use.minute()), use.principal(), use.operation().name()).update(),
                () -> jdbc.sql("insert into crypto_usage_minute (key_alias, minute_start, principal, operation, uses) "
                                + "values (?, ?, ?, ?, ?)")
                        .params(use.key(), ts(use.minute()), use.principal(), use.operation().name(), uses).update());
    }

    private interface Statement {
        int run();
    }

    private static void upsert(Statement update, Statement insert) {
        if (update.run() == 0) {
            insert.run();
        }
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
