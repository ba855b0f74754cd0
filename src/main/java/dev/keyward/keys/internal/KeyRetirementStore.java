package dev.keyward.keys.internal;

import dev.keyward.keys.Retirement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The retirement rows; the approvers are read from the approval. */
@Repository
public class KeyRetirementStore {

    /** A retirement row, without its approvers. {@code inUse} is kept one sentence per line. */
    public record Row(String id, String key, int version, String reason, String override, List<String> inUse,
                      String requester, Retirement.Status status, String approvalId, String outcome, Instant createdAt,
                      Instant completedAt) {
    }

    private final JdbcClient jdbc;

    KeyRetirementStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Row r) {
        jdbc.sql("insert into keys_retirement (id, key_alias, version_no, reason, override_reason, in_use, requester, "
                        + "status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.key(), r.version(), r.reason(), r.override(),
                        r.inUse().isEmpty() ? null : String.join("\n", r.inUse()), r.requester(), r.status().name(),
                        Timestamp.from(r.createdAt()))
                .update();
    }

    public Optional<Row> find(String id) {
        return jdbc.sql("select * from keys_retirement where id = ?").param(id).query(KeyRetirementStore::row).optional();
    }

    public Optional<Row> lock(String id) {
        return jdbc.sql("select * from keys_retirement where id = ? for update").param(id)
                .query(KeyRetirementStore::row).optional();
    }

    public List<Row> ofKey(String alias) {
        return jdbc.sql("select * from keys_retirement where key_alias = ? order by created_at desc").param(alias)
                .query(KeyRetirementStore::row).list();
    }

    public Optional<Row> pendingOf(String alias, int version) {
        return jdbc.sql("select * from keys_retirement where key_alias = ? and version_no = ? and status = 'PENDING'")
                .params(alias, version).query(KeyRetirementStore::row).optional();
    }

    public void attachApproval(String id, String approvalId) {
        jdbc.sql("update keys_retirement set approval_id = ? where id = ?").params(approvalId, id).update();
    }

    /** Ends a pending retirement; false when it had ended already. */
    public boolean close(String id, Retirement.Status status, String outcome, Instant at) {
        return jdbc.sql("update keys_retirement set status = ?, outcome = ?, completed_at = ? where id = ? "
                        + "and status = 'PENDING'")
                .params(status.name(), outcome, Timestamp.from(at), id).update() == 1;
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        String inUse = rs.getString("in_use");
        Timestamp completed = rs.getTimestamp("completed_at");
        return new Row(rs.getString("id"), rs.getString("key_alias"), rs.getInt("version_no"), rs.getString("reason"),
                rs.getString("override_reason"), inUse == null ? List.of() : Arrays.asList(inUse.split("\n")),
                rs.getString("requester"), Retirement.Status.valueOf(rs.getString("status")), rs.getString("approval_id"),
                rs.getString("outcome"), rs.getTimestamp("created_at").toInstant(),
                completed == null ? null : completed.toInstant());
    }
}
