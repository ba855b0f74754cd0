package dev.keyward.audit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.keyward.audit.AuditActor;
import dev.keyward.audit.AuditContext;
import dev.keyward.audit.AuditableEvent;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes every {@link AuditableEvent} to the inbox synchronously, in the publisher's transaction: if this insert
 * fails, the exception reaches the publisher and its change rolls back (fail-closed). Without a transaction the
 * insert commits on its own.
 */
@Component
class AuditRecorder {

    static final int MAX_DETAILS = 8000;
    private static final ObjectMapper CANONICAL = JsonMapper.builder().addModule(new JavaTimeModule())
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .build();

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectProvider<AuditContext> context;

    AuditRecorder(JdbcTemplate jdbc, Clock clock, ObjectProvider<AuditContext> context) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.context = context;
    }

    @EventListener
    void record(AuditableEvent event) {
        AuditContext ctx = context.getIfAvailable();
        AuditActor actor = event.actor().orElseGet(() -> ctx == null ? AuditActor.SYSTEM : ctx.actor());
        String details = canonical(event);
        jdbc.update("insert into audit_inbox (occurred_at, actor_id, actor_name, action, target_type, target_id, "
                        + "outcome, details, client_address, user_agent) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MILLIS)), clip(actor.id(), 100),
                clip(actor.name(), 200), event.action(), event.target().type(), clip(event.target().id(), 200),
                event.outcome().name(), details,
                ctx == null ? null : ctx.clientAddress().map(a -> clip(a, 64)).orElse(null),
                ctx == null ? null : ctx.userAgent().map(a -> clip(a, 512)).orElse(null));
    }

    private static String canonical(AuditableEvent event) {
        try {
            String json = CANONICAL.writeValueAsString(event.details());
            if (json.length() > MAX_DETAILS) {
                throw new IllegalStateException("Audit details of " + event.action() + " exceed " + MAX_DETAILS + " characters");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit details of " + event.action() + " cannot be written as JSON", e);
        }
    }

    /** Free-text fields from outside (names, user agents) are cut to their column; actions and types are not. */
    private static String clip(String value, int max) {
        return Optional.ofNullable(value).map(v -> v.length() <= max ? v : v.substring(0, max)).orElse(null);
    }
}
