package dev.keyward.audit.internal;

import dev.keyward.audit.AuditCheckpoint;
import dev.keyward.audit.AuditEntry;
import dev.keyward.audit.AuditFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** Reads sealed entries and checkpoints; streams large results row by row. */
@Component
public class AuditStore {

    private static final String COLUMNS = "seq, occurred_at, actor_id, actor_name, action, target_type, target_id, "
            + "outcome, details, client_address, user_agent, prev_hash, hash";
    static final RowMapper<AuditEntry> ENTRY = AuditStore::entry;
    static final RowMapper<AuditCheckpoint> CHECKPOINT = (rs, i) -> new AuditCheckpoint(rs.getLong("last_seq"),
            rs.getString("head_hash").trim(), rs.getTimestamp("created_at").toInstant(), rs.getString("algorithm"),
            rs.getString("key_id"), rs.getString("signature"));

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;

    AuditStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(5000);
    }

    public List<AuditEntry> find(AuditFilter filter, long offset, int limit) {
        var where = where(filter);
        where.args.add(limit);
        where.args.add(offset);
        return jdbc.query("select " + COLUMNS + " from audit_entry" + where.sql + " order by seq desc "
                + "limit ? offset ?", ENTRY, where.args.toArray());
    }

    public long count(AuditFilter filter) {
        var where = where(filter);
        Long n = jdbc.queryForObject("select count(*) from audit_entry" + where.sql, Long.class, where.args.toArray());
        return n == null ? 0 : n;
    }

    /** Streams matching entries in sequence order until {@code consumer} returns false. Call inside a transaction. */
    public void stream(AuditFilter filter, Predicate<AuditEntry> consumer) {
        var where = where(filter);
        try {
            streaming.query("select " + COLUMNS + " from audit_entry" + where.sql + " order by seq", rs -> {
                if (!consumer.test(entry(rs, 0))) {
                    throw new StopStreaming();
                }
            }, where.args.toArray());
        } catch (StopStreaming stop) {
            // the consumer has seen enough
        }
    }

    public List<AuditCheckpoint> checkpoints() {
        return jdbc.query("select * from audit_checkpoint order by last_seq", CHECKPOINT);
    }


    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12).trim(), rs.getString(13).trim());
    }

    private static Where where(AuditFilter f) {
        Where w = new Where();
        w.add("actor_id = ?", f.actor());
        w.add("action = ?", f.action());
        w.add("target_type = ?", f.targetType());
        w.add("target_id = ?", f.targetId());
        w.add("outcome = ?", f.outcome() == null ? null : f.outcome().name());
        w.add("occurred_at >= ?", f.from() == null ? null : Timestamp.from(f.from()));
        w.add("occurred_at < ?", f.to() == null ? null : Timestamp.from(f.to()));
        w.add("seq >= ?", f.fromSeq());
        w.add("seq <= ?", f.toSeq());
        return w;
    }

    private static final class Where {
        private String sql = "";
        private final List<Object> args = new ArrayList<>();

        void add(String condition, Object value) {
            if (value != null) {
                sql += (sql.isEmpty() ? " where " : " and ") + condition;
                args.add(value);
            }
        }
    }

    private static final class StopStreaming extends RuntimeException {
        StopStreaming() {
            super(null, null, false, false);
        }
    }
}
