package dev.keyward.keys.internal;

import dev.keyward.keys.KeyState;
import dev.keyward.keys.StateRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The state change requests; the approvers are read from the approval. */
@Repository
public class KeyStateRequestStore {

    /** A request row, without its approvers. */
    public record Row(String id, String key, KeyState from, KeyState to, String reason, String requester,
                      StateRequest.Status status, String approvalId, String outcome, Instant createdAt,
                      Instant completedAt) {
    }

    private final JdbcClient jdbc;

    KeyStateRequestStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Row r) {
        jdbc.sql("insert into keys_state_request (id, key_alias, from_state, to_state, reason, requester, status, "
                        + "created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.key(), r.from().name(), r.to().name(), r.reason(), r.requester(), r.status().name(),
                        Timestamp.from(r.createdAt()))
                .update();
    }

    public Optional<Row> find(String id) {
        return jdbc.sql("select * from keys_state_request where id = ?").param(id).query(KeyStateRequestStore::row)
                .optional();
    }

    public Optional<Row> lock(String id) {
        return jdbc.sql("select * from keys_state_request where id = ? for update").param(id)
                .query(KeyStateRequestStore::row).optional();
    }

    public List<Row> ofKey(String alias) {
        return jdbc.sql("select * from keys_state_request where key_alias = ? order by created_at desc").param(alias)
                .query(KeyStateRequestStore::row).list();
    }

    /** The key's requests waiting for approval: one per target state at most. */
    public List<Row> pendingOf(String alias) {
        return jdbc.sql("select * from keys_state_request where key_alias = ? and status = 'PENDING'").param(alias)
                .query(KeyStateRequestStore::row).list();
    }

    public void attachApproval(String id, String approvalId) {
        jdbc.sql("update keys_state_request set approval_id = ? where id = ?").params(approvalId, id).update();
    }

    /** Ends a pending request; false when it had ended already. */
    public boolean close(String id, StateRequest.Status status, String outcome, Instant at) {
        return jdbc.sql("update keys_state_request set status = ?, outcome = ?, completed_at = ? where id = ? "
                        + "and status = 'PENDING'")
                .params(status.name(), outcome, Timestamp.from(at), id).update() == 1;
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        Timestamp completed = rs.getTimestamp("completed_at");
        return new Row(rs.getString("id"), rs.getString("key_alias"), KeyState.valueOf(rs.getString("from_state")),
                KeyState.valueOf(rs.getString("to_state")), rs.getString("reason"), rs.getString("requester"),
                StateRequest.Status.valueOf(rs.getString("status")), rs.getString("approval_id"), rs.getString("outcome"),
                rs.getTimestamp("created_at").toInstant(), completed == null ? null : completed.toInstant());
    }
}
