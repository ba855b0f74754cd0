package dev.keyward.keys.internal;

import dev.keyward.keys.Rotation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rotation rows; the approvers are read from the approval, so a row holds only what the key module knows. */
@Repository
public class KeyRotationStore {

    /** A rotation row, without its approvers. */
    public record Row(String id, String key, Rotation.Trigger trigger, String reason, String requester,
                      Rotation.Status status, String outcome, String approvalId, int oldVersion, String oldKcv,
                      Integer newVersion, String newKcv, Instant createdAt, Instant completedAt) {
    }

    private final JdbcClient jdbc;

    KeyRotationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Row r) {
        jdbc.sql("insert into keys_rotation (id, key_alias, trigger_kind, reason, requester, status, old_version, old_kcv, "
                        + "created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.key(), r.trigger().name(), r.reason(), r.requester(), r.status().name(), r.oldVersion(),
                        r.oldKcv(), Timestamp.from(r.createdAt()))
                .update();
    }

    public Optional<Row> find(String id) {
        return jdbc.sql("select * from keys_rotation where id = ?").param(id).query(KeyRotationStore::row).optional();
    }

    public Optional<Row> lock(String id) {
        return jdbc.sql("select * from keys_rotation where id = ? for update").param(id).query(KeyRotationStore::row).optional();
    }

    public List<Row> ofKey(String alias) {
        return jdbc.sql("select * from keys_rotation where key_alias = ? order by created_at desc").param(alias)
                .query(KeyRotationStore::row).list();
    }

    public Optional<Row> openOf(String alias) {
        return jdbc.sql("select * from keys_rotation where key_alias = ? and status in ('PENDING', 'ROTATING')")
                .param(alias).query(KeyRotationStore::row).optional();
    }

    public void attachApproval(String id, String approvalId) {
        jdbc.sql("update keys_rotation set approval_id = ? where id = ?").params(approvalId, id).update();
    }

    /** Fixes the version number a rotation creates before the HSM is asked, so a retry creates the same one. */
    public void startRotating(String id, int newVersion) {
        jdbc.sql("update keys_rotation set status = 'ROTATING', new_version = ? where id = ?").params(newVersion, id).update();
    }

    public void done(String id, String newKcv, Instant at) {
        jdbc.sql("update keys_rotation set status = 'DONE', new_kcv = ?, outcome = ?, completed_at = ? where id = ?")
                .params(newKcv, "Rotated.", Timestamp.from(at), id).update();
    }

    /** Ends an open rotation; false when it had ended already. */
    public boolean close(String id, Rotation.Status status, String outcome, Instant at) {
        return jdbc.sql("update keys_rotation set status = ?, outcome = ?, completed_at = ? where id = ? "
                        + "and status in ('PENDING', 'ROTATING')")
                .params(status.name(), outcome, Timestamp.from(at), id).update() == 1;
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        Timestamp completed = rs.getTimestamp("completed_at");
        return new Row(rs.getString("id"), rs.getString("key_alias"), Rotation.Trigger.valueOf(rs.getString("trigger_kind")),
                rs.getString("reason"), rs.getString("requester"), Rotation.Status.valueOf(rs.getString("status")),
                rs.getString("outcome"), rs.getString("approval_id"), rs.getInt("old_version"), rs.getString("old_kcv"),
                rs.getObject("new_version", Integer.class), rs.getString("new_kcv"), rs.getTimestamp("created_at").toInstant(),
                completed == null ? null : completed.toInstant());
    }
}
