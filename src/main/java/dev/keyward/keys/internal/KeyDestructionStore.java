package dev.keyward.keys.internal;

import dev.keyward.keys.Destruction;
import dev.keyward.keys.KeyState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The destruction rows; the approvers are read from the approval, so a row holds only what the key module knows. */
@Repository
public class KeyDestructionStore {

    /** A destruction row, without its approvers. {@code inUse} is kept one sentence per line. */
    public record Row(String id, String key, String reason, String override, List<String> inUse, int waitingDays,
                      String requester, Destruction.Status status, String approvalId, KeyState fromState,
                      Instant destroyAt, String outcome, String cancelledBy, Instant createdAt, Instant completedAt) {
    }

    private static final String OPEN = "('PENDING', 'SCHEDULED', 'DESTROYING')";

    private final JdbcClient jdbc;

    KeyDestructionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Row r) {
        jdbc.sql("insert into keys_destruction (id, key_alias, reason, override_reason, in_use, waiting_days, requester, "
                        + "status, from_state, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.key(), r.reason(), r.override(), r.inUse().isEmpty() ? null : String.join("\n", r.inUse()),
                        r.waitingDays(), r.requester(), r.status().name(), r.fromState().name(), Timestamp.from(r.createdAt()))
                .update();
    }

    public Optional<Row> find(String id) {
        return jdbc.sql("select * from keys_destruction where id = ?").param(id).query(KeyDestructionStore::row).optional();
    }

    public Optional<Row> lock(String id) {
        return jdbc.sql("select * from keys_destruction where id = ? for update").param(id)
                .query(KeyDestructionStore::row).optional();
    }

    public List<Row> ofKey(String alias) {
        return jdbc.sql("select * from keys_destruction where key_alias = ? order by created_at desc").param(alias)
                .query(KeyDestructionStore::row).list();
    }

    public Optional<Row> openOf(String alias) {
        return jdbc.sql("select * from keys_destruction where key_alias = ? and status in " + OPEN).param(alias)
                .query(KeyDestructionStore::row).optional();
    }

    public void attachApproval(String id, String approvalId) {
        jdbc.sql("update keys_destruction set approval_id = ? where id = ?").params(approvalId, id).update();
    }

    /** Approved: the key waits until {@code destroyAt}, and returns to {@code from} if the destruction is called off. */
    public void scheduled(String id, KeyState from, Instant destroyAt) {
        jdbc.sql("update keys_destruction set status = 'SCHEDULED', from_state = ?, destroy_at = ? where id = ?")
                .params(from.name(), Timestamp.from(destroyAt), id).update();
    }

    /** The state a scheduled destruction of {@code alias} returns the key to if it is cancelled or refused. */
    public void returnTo(String alias, KeyState state) {
        jdbc.sql("update keys_destruction set from_state = ? where key_alias = ? and status = 'SCHEDULED'")
                .params(state.name(), alias).update();
    }

    public void destroying(String id) {
        jdbc.sql("update keys_destruction set status = 'DESTROYING' where id = ?").param(id).update();
    }

    /** Ends an open destruction; false when it had ended already. */
    public boolean close(String id, Destruction.Status status, String outcome, String cancelledBy, Instant at) {
        return jdbc.sql("update keys_destruction set status = ?, outcome = ?, cancelled_by = ?, completed_at = ? "
                        + "where id = ? and status in " + OPEN)
                .params(status.name(), outcome, cancelledBy, Timestamp.from(at), id).update() == 1;
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        String inUse = rs.getString("in_use");
        return new Row(rs.getString("id"), rs.getString("key_alias"), rs.getString("reason"), rs.getString("override_reason"),
                inUse == null ? List.of() : Arrays.asList(inUse.split("\n")), rs.getInt("waiting_days"),
                rs.getString("requester"), Destruction.Status.valueOf(rs.getString("status")), rs.getString("approval_id"),
                KeyState.valueOf(rs.getString("from_state")), instant(rs, "destroy_at"), rs.getString("outcome"),
                rs.getString("cancelled_by"), rs.getTimestamp("created_at").toInstant(), instant(rs, "completed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
