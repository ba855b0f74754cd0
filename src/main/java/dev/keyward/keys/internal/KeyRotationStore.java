package dev.keyward.keys.internal;

import dev.keyward.keys.Rotation;
import dev.keyward.keys.Sensitivity;
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

    /**
     * An ACTIVE key's current version, how often the key is to be rotated (null: its sensitivity's default) and until
     * when the version may protect new data (the end of its cryptoperiod).
     */
    public record Current(String key, String owner, Sensitivity sensitivity, Integer periodDays, int version,
                          Instant since, Instant producesUntil) {
    }

    /** The notices the schedule sends once per key version and number of days before. */
    public enum Notice {
        ROTATION("keys_rotation_notice"), EXPIRY("keys_expiry_notice");

        private final String table;

        Notice(String table) {
            this.table = table;
        }
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

    /** The key's rotations under way: one at most, besides an emergency rotation of a key compromised meanwhile. */
    public List<Row> openOf(String alias) {
        return jdbc.sql("select * from keys_rotation where key_alias = ? and status in ('PENDING', 'ROTATING') "
                        + "order by created_at").param(alias).query(KeyRotationStore::row).list();
    }

    /** Every ACTIVE key with its current (highest) version: what the rotation schedule looks at, one query. */
    public List<Current> activeKeys() {
        return jdbc.sql(CURRENT + " order by k.alias").query(KeyRotationStore::current).list();
    }

    private static final String CURRENT = "select k.alias, k.owner_username, k.sensitivity, k.rotation_period_days, "
            + "v.version_no, coalesce(v.activated_at, v.created_at) as since, v.originator_usage_end from keys_managed_key k "
            + "join keys_key_version v on v.key_id = k.id where k.state = 'ACTIVE' and v.version_no = "
            + "(select max(w.version_no) from keys_key_version w where w.key_id = k.id)";

    private static Current current(ResultSet rs, int i) throws SQLException {
        return new Current(rs.getString("alias"), rs.getString("owner_username"),
                Sensitivity.valueOf(rs.getString("sensitivity")), rs.getObject("rotation_period_days", Integer.class),
                rs.getInt("version_no"), rs.getTimestamp("since").toInstant(),
                rs.getTimestamp("originator_usage_end").toInstant());
    }

    /** Whether a rotation of {@code alias} from {@code version} was ever opened by {@code trigger}. */
    public boolean opened(String alias, int version, Rotation.Trigger trigger) {
        return jdbc.sql("select count(*) from keys_rotation where key_alias = ? and old_version = ? and trigger_kind = ?")
                .params(alias, version, trigger.name()).query(Integer.class).single() > 0;
    }

    /** Records a notice unless it was sent already; true when this call recorded it. */
    public boolean noticeOnce(Notice notice, String alias, int version, int daysBefore, Instant at) {
        boolean sent = jdbc.sql("select count(*) from " + notice.table + " where key_alias = ? and version_no = ? "
                + "and days_before = ?").params(alias, version, daysBefore).query(Integer.class).single() > 0;
        if (sent) {
            return false;
        }
        jdbc.sql("insert into " + notice.table + " (key_alias, version_no, days_before, sent_at) values (?, ?, ?, ?)")
                .params(alias, version, daysBefore, Timestamp.from(at)).update();
        return true;
    }

    public void setPeriod(String alias, Integer days) {
        jdbc.sql("update keys_managed_key set rotation_period_days = ? where alias = ?").params(days, alias).update();
    }

    public Optional<Current> current(String alias) {
        return jdbc.sql(CURRENT + " and k.alias = ?").param(alias).query(KeyRotationStore::current).optional();
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
