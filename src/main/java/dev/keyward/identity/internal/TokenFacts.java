package dev.keyward.identity.internal;

import dev.keyward.identity.PersonStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Everything a bearer token's check needs, read in one query on every API call (no entity graph, no lazy
 * loading): the token, the person who issued it and their roles, and for a service account's token the account
 * and its current owner.
 */
@Component
class TokenFacts {

    /** One token as the check sees it; {@code account} is null for a personal token. */
    record Facts(long id, Instant expiresAt, Instant revokedAt, Instant lastUsedAt, String issuer, boolean issuerUsable,
                 List<String> issuerRoles, String account, boolean accountActive, String accountOwner,
                 boolean accountOwnerUsable) {
    }

    private static final String QUERY = """
            select t.id, t.expires_at, t.revoked_at, t.last_used_at,
                   p.username, p.status, p.locked_at, r.role,
                   a.name as account, a.status as account_status,
                   o.username as account_owner, o.status as account_owner_status, o.locked_at as account_owner_locked_at
            from identity_api_token t
            join identity_person p on p.id = t.owner_id
            left join identity_person_role r on r.person_id = p.id
            left join identity_service_account a on a.id = t.service_account_id
            left join identity_person o on o.id = a.owner_id
            where t.token_hash = ?""";

    private final JdbcClient jdbc;

    TokenFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Facts> byHash(String tokenHash) {
        List<Facts> rows = jdbc.sql(QUERY).param(tokenHash).query((rs, i) -> new Facts(rs.getLong("id"),
                instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("revoked_at")),
                instant(rs.getTimestamp("last_used_at")), rs.getString("username"),
                usable(rs.getString("status"), rs.getTimestamp("locked_at")),
                rs.getString("role") == null ? List.of() : List.of(rs.getString("role")),
                rs.getString("account"), "ACTIVE".equals(rs.getString("account_status")), rs.getString("account_owner"),
                usable(rs.getString("account_owner_status"), rs.getTimestamp("account_owner_locked_at")))).list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<String> roles = new ArrayList<>();
        rows.forEach(r -> roles.addAll(r.issuerRoles()));
        Facts first = rows.get(0);
        return Optional.of(new Facts(first.id(), first.expiresAt(), first.revokedAt(), first.lastUsedAt(), first.issuer(),
                first.issuerUsable(), List.copyOf(roles), first.account(), first.accountActive(), first.accountOwner(),
                first.accountOwnerUsable()));
    }

    /** Records a use, at most once per {@code resolution} (busy tokens do not write on every call). */
    void markUsed(long id, Instant at, Instant notAfter) {
        jdbc.sql("update identity_api_token set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
                .params(Timestamp.from(at), id, Timestamp.from(notAfter)).update();
    }

    private static boolean usable(String status, Timestamp lockedAt) {
        return PersonStatus.ACTIVE.name().equals(status) && lockedAt == null;
    }

    private static Instant instant(Timestamp value) {
        return value == null ? null : value.toInstant();
    }
}
