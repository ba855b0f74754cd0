package dev.keyward.identity.internal;

import dev.keyward.identity.RoleRequest;
import dev.keyward.identity.RoleRequestStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The role request rows. */
@Repository
public class RoleRequestStore {

    private final JdbcClient jdbc;

    RoleRequestStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(RoleRequest r) {
        jdbc.sql("insert into identity_role_request (id, username, role, requester, reason, status, created_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.username(), r.role(), r.requester(), r.reason(), r.status().name(),
                        Timestamp.from(r.createdAt()))
                .update();
    }

    public Optional<RoleRequest> find(String id) {
        return jdbc.sql("select * from identity_role_request where id = ?").param(id).query(RoleRequestStore::row).optional();
    }

    public Optional<RoleRequest> lock(String id) {
        return jdbc.sql("select * from identity_role_request where id = ? for update").param(id)
                .query(RoleRequestStore::row).optional();
    }

    public List<RoleRequest> pending() {
        return jdbc.sql("select * from identity_role_request where status = 'PENDING' order by created_at")
                .query(RoleRequestStore::row).list();
    }

    public List<RoleRequest> pendingFor(String username) {
        return jdbc.sql("select * from identity_role_request where username = ? and status = 'PENDING' order by created_at")
                .param(username).query(RoleRequestStore::row).list();
    }

    /** Attaches the request's approval; false when it has one already. */
    public boolean attachApproval(String id, String approvalId) {
        return jdbc.sql("update identity_role_request set approval_id = ? where id = ? and approval_id is null")
                .params(approvalId, id).update() == 1;
    }

    /** Closes a PENDING request; false when it was closed already. */
    public boolean close(String id, RoleRequestStatus status, String outcome, Instant at) {
        return jdbc.sql("update identity_role_request set status = ?, outcome = ?, closed_at = ? where id = ? "
                        + "and status = 'PENDING'")
                .params(status.name(), outcome, Timestamp.from(at), id).update() == 1;
    }

    private static RoleRequest row(ResultSet rs, int i) throws SQLException {
        Timestamp closed = rs.getTimestamp("closed_at");
        return new RoleRequest(rs.getString("id"), rs.getString("username"), rs.getString("role"),
                rs.getString("requester"), rs.getString("reason"), RoleRequestStatus.valueOf(rs.getString("status")),
                rs.getString("outcome"), rs.getString("approval_id"), rs.getTimestamp("created_at").toInstant(),
                closed == null ? null : closed.toInstant());
    }
}
