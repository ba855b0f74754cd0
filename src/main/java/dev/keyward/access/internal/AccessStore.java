package dev.keyward.access.internal;

import dev.keyward.access.AccessPolicy;
import dev.keyward.access.AccessRequestStatus;
import dev.keyward.access.Grant;
import dev.keyward.access.GrantStatus;
import dev.keyward.access.Permission;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The access tables: the policy and its acknowledgements, requests, grants. */
@Repository
public class AccessStore {

    public record RequestRow(String id, String requester, String beneficiary, String key, Set<Permission> permissions,
                             String justification, int durationDays, String ticket, AccessRequestStatus status,
                             String outcome, String approvalId, String grantId, Instant createdAt, Instant closedAt) {
    }

    private final JdbcClient jdbc;

    AccessStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public AccessPolicy currentPolicy() {
        return jdbc.sql("select * from access_policy order by version desc fetch first 1 rows only")
                .query((rs, i) -> new AccessPolicy(rs.getInt("version"), rs.getString("text"), instant(rs, "published_at")))
                .single();
    }

    public boolean acknowledged(String username, int version) {
        return jdbc.sql("select count(*) from access_policy_ack where username = ? and version = ?")
                .params(username, version).query(Long.class).single() > 0;
    }

    public void acknowledge(String username, int version, Instant at) {
        jdbc.sql("insert into access_policy_ack (username, version, acknowledged_at) values (?, ?, ?)")
                .params(username, version, ts(at)).update();
    }

    public void insert(RequestRow r) {
        jdbc.sql("insert into access_request (id, requester, beneficiary, key_alias, permissions, justification, "
                        + "duration_days, ticket, status, created_at, pending_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.requester(), r.beneficiary(), r.key(), Permission.codes(r.permissions()), r.justification(),
                        r.durationDays(), r.ticket(), r.status().name(), ts(r.createdAt()), pendingKey(r.key(), r.beneficiary()))
                .update();
    }

    public Optional<RequestRow> findRequest(String id) {
        return jdbc.sql("select * from access_request where id = ?").param(id).query(AccessStore::requestRow).optional();
    }

    public Optional<String> pendingRequest(String key, String beneficiary) {
        return jdbc.sql("select id from access_request where pending_key = ?").param(pendingKey(key, beneficiary))
                .query(String.class).optional();
    }

    public List<RequestRow> requestsBy(String username, int limit) {
        return jdbc.sql("select * from access_request where requester = ? or beneficiary = ? order by created_at desc "
                        + "fetch first " + limit + " rows only")
                .params(username, username).query(AccessStore::requestRow).list();
    }

    public void attachApproval(String requestId, String approvalId) {
        jdbc.sql("update access_request set approval_id = ? where id = ?").params(approvalId, requestId).update();
    }

    /** Closes a pending request; returns false when it was no longer pending. */
    public boolean close(String requestId, AccessRequestStatus status, String outcome, String grantId, Instant at) {
        return jdbc.sql("update access_request set status = ?, outcome = ?, grant_id = ?, closed_at = ?, pending_key = null "
                        + "where id = ? and status = 'PENDING'")
                .params(status.name(), outcome, grantId, ts(at), requestId).update() == 1;
    }

    public void insert(Grant g) {
        jdbc.sql("insert into access_grant (id, principal, key_alias, permissions, valid_from, valid_until, origin_request, "
                        + "status) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(g.id(), g.principal(), g.key(), Permission.codes(g.permissions()), ts(g.validFrom()), ts(g.validUntil()),
                        g.originRequest(), g.status().name())
                .update();
    }

    public Optional<Grant> findGrant(String id) {
        return jdbc.sql("select * from access_grant where id = ?").param(id).query(AccessStore::grant).optional();
    }

    public Optional<Grant> grantFor(String requestId) {
        return jdbc.sql("select * from access_grant where origin_request = ?").param(requestId).query(AccessStore::grant).optional();
    }

    /** Grants matching the filters (null means any), newest first. */
    public List<Grant> grants(String key, String principal, boolean activeOnly, int limit) {
        // Only the filters given go into the SQL, so the key and principal indexes serve them.
        StringBuilder sql = new StringBuilder("select * from access_grant where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (key != null) {
            sql.append(" and key_alias = ?");
            params.add(key);
        }
        if (principal != null) {
            sql.append(" and principal = ?");
            params.add(principal);
        }
        if (activeOnly) {
            sql.append(" and status = 'ACTIVE'");
        }
        sql.append(" order by valid_from desc fetch first ").append(limit).append(" rows only");
        return jdbc.sql(sql.toString()).params(params).query(AccessStore::grant).list();
    }

    /** Ends an active grant; returns false when it had already ended. */
    public boolean end(String grantId, GrantStatus status, String by, String reason, Instant at) {
        return jdbc.sql("update access_grant set status = ?, ended_at = ?, ended_by = ?, end_reason = ? "
                        + "where id = ? and status = 'ACTIVE'")
                .params(status.name(), ts(at), by, reason, grantId).update() == 1;
    }

    /** Narrows an active grant to {@code permissions}; returns false when it had ended meanwhile. */
    public boolean narrow(String grantId, Set<Permission> permissions) {
        return jdbc.sql("update access_grant set permissions = ? where id = ? and status = 'ACTIVE'")
                .params(Permission.codes(permissions), grantId).update() == 1;
    }

    /** The grants with these ids (any status), in chunks of a thousand. */
    public List<Grant> grantsById(List<String> ids) {
        List<Grant> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            String marks = String.join(",", chunk.stream().map(id -> "?").toList());
            found.addAll(jdbc.sql("select * from access_grant where id in (" + marks + ")").params(chunk)
                    .query(AccessStore::grant).list());
        }
        return found;
    }

    /** Every ACTIVE grant, in pages by id, for work over all of them (a campaign's launch) without one huge list. */
    public List<Grant> activeGrantsAfter(String afterId, int limit) {
        return jdbc.sql("select * from access_grant where status = 'ACTIVE' and id > ? order by id fetch first " + limit
                        + " rows only")
                .param(afterId).query(AccessStore::grant).list();
    }

    private static String pendingKey(String key, String beneficiary) {
        return key + "|" + beneficiary;
    }

    private static RequestRow requestRow(ResultSet rs, int i) throws SQLException {
        return new RequestRow(rs.getString("id"), rs.getString("requester"), rs.getString("beneficiary"),
                rs.getString("key_alias"), Permission.fromCodes(rs.getString("permissions")), rs.getString("justification"),
                rs.getInt("duration_days"), rs.getString("ticket"), AccessRequestStatus.valueOf(rs.getString("status")),
                rs.getString("outcome"), rs.getString("approval_id"), rs.getString("grant_id"), instant(rs, "created_at"),
                instant(rs, "closed_at"));
    }

    private static Grant grant(ResultSet rs, int i) throws SQLException {
        return new Grant(rs.getString("id"), rs.getString("principal"), rs.getString("key_alias"),
                Permission.fromCodes(rs.getString("permissions")), instant(rs, "valid_from"), instant(rs, "valid_until"),
                rs.getString("origin_request"), GrantStatus.valueOf(rs.getString("status")), instant(rs, "ended_at"),
                rs.getString("ended_by"), rs.getString("end_reason"));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
