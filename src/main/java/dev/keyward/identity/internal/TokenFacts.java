package dev.keyward.identity.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.keyward.identity.IdentityEvents.AccountLocked;
import dev.keyward.identity.IdentityEvents.AccountUnlocked;
import dev.keyward.identity.IdentityEvents.ApiTokenRevoked;
import dev.keyward.identity.IdentityEvents.RolesChanged;
import dev.keyward.identity.IdentityEvents.ServiceAccountStatusChanged;
import dev.keyward.identity.IdentityEvents.StatusChanged;
import dev.keyward.identity.PersonStatus;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Everything a bearer token's check needs, in one query (no entity graph, no lazy loading): the token, the person
 * who issued it and their roles, and for a service account's token the account and its current owner. This runs
 * on every API call, so known tokens are remembered for {@code keyward.api-tokens.cache-ttl} (at most a second);
 * any revocation, status, role, lock or service-account change committed on this node empties the memory at once.
 * Expiry is compared on every call, never remembered. A token past half its time in memory is read again by the one
 * call that finds it so while concurrent calls go on (a busy token never stalls every caller at once).
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
    private final LoadingCache<String, Facts> known;

    TokenFacts(JdbcClient jdbc, IdentityProperties properties) {
        this.jdbc = jdbc;
        Duration ttl = properties.apiTokens().cacheTtl();
        Caffeine<Object, Object> builder = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000);
        if (!ttl.isZero()) {
            builder.refreshAfterWrite(ttl.dividedBy(2)).executor(Runnable::run);
        }
        // Unknown tokens are not remembered (the loader's null): they are refused and audited on every call.
        this.known = builder.build(hash -> read(hash).orElse(null));
    }

    Optional<Facts> byHash(String tokenHash) {
        return Optional.ofNullable(known.get(tokenHash));
    }

    private Optional<Facts> read(String tokenHash) {
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

    /**
     * Records a use, at most once per {@code resolution} (busy tokens do not write on every call), and forgets the
     * token so the next call reads the new last use (rewriting the entry would stretch its time in memory).
     */
    void markUsed(String tokenHash, Facts token, Instant at, Instant notAfter) {
        jdbc.sql("update identity_api_token set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
                .params(Timestamp.from(at), token.id(), Timestamp.from(notAfter)).update();
        known.invalidate(tokenHash);
    }

    /** After completion, not through the event publication registry: a crash empties this cache anyway. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMPLETION, fallbackExecution = true, classes = {
            ApiTokenRevoked.class, StatusChanged.class, RolesChanged.class, AccountLocked.class, AccountUnlocked.class,
            ServiceAccountStatusChanged.class})
    void identityChanged() {
        known.invalidateAll();
    }

    private static boolean usable(String status, Timestamp lockedAt) {
        return PersonStatus.ACTIVE.name().equals(status) && lockedAt == null;
    }

    private static Instant instant(Timestamp value) {
        return value == null ? null : value.toInstant();
    }
}
