package dev.keyward.audit;

import dev.keyward.audit.internal.AuditSealer;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes test events, seals them, and reads the chain's shape for audit tests. */
@Component
public class AuditTestSupport {

    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final AuditSealer sealer;
    private final JdbcTemplate jdbc;

    AuditTestSupport(ApplicationEventPublisher events, TransactionTemplate transactions, AuditSealer sealer, JdbcTemplate jdbc) {
        this.events = events;
        this.transactions = transactions;
        this.sealer = sealer;
        this.jdbc = jdbc;
    }

    /** Publishes {@code count} events, each in its own transaction, then seals them. */
    public void append(String action, int count) {
        for (int i = 0; i < count; i++) {
            int n = i;
            transactions.executeWithoutResult(s -> events.publishEvent(new TestEvent(action, n)));
        }
        sealer.sealAll();
    }

    public long headSeq() {
        Long max = jdbc.queryForObject("select max(seq) from audit_entry", Long.class);
        return max == null ? 0 : max;
    }

    public List<Map<String, Object>> entries(String action) {
        return jdbc.queryForList("select * from audit_entry where action = ? order by seq", action);
    }

    public void checkpointNow() {
        sealer.checkpointNow();
    }

    public void sealAll() {
        sealer.sealAll();
    }

    /**
     * Inside a transaction: the attacker is a database administrator who switches the append-only triggers off
     * (PostgreSQL; H2 has none).
     */
    public void allowTampering() {
        String product = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
        if ("PostgreSQL".equals(product)) {
            jdbc.execute("set local session_replication_role = replica");
        }
    }

    /** Acts as an auditor in this thread (for calls to the AuditLog service). */
    public static void actAsAuditor() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("erin",
                null, AuthorityUtils.createAuthorityList("ROLE_AUDITOR", "ROLE_EMPLOYEE")));
    }

    public record TestEvent(String action, int n) implements AuditableEvent {
        @Override
        public AuditTarget target() {
            return new AuditTarget("test", Integer.toString(n));
        }

        @Override
        public Map<String, ?> details() {
            return Map.of("n", n, "note", "written by a test");
        }
    }
}
