package dev.keyward.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keyward.audit.AuditActor;
import dev.keyward.audit.AuditContext;
import dev.keyward.identity.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Tells the audit log who acts (the signed-in person, else "system") and from which address and browser. */
@Component
class RequestAuditContext implements AuditContext {

    private final CurrentUser currentUser;
    private final PersonRepository people;
    /**
     * Display names are fixed when a person is added, so every audit record need not look its actor up again; the
     * expiry only bounds how long a future rename would take to show.
     */
    private final Cache<String, String> displayNames = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    RequestAuditContext(CurrentUser currentUser, PersonRepository people) {
        this.currentUser = currentUser;
        this.people = people;
    }

    @Override
    public AuditActor actor() {
        return currentUser.username().map(u -> new AuditActor(u, displayName(u))).orElse(AuditActor.SYSTEM);
    }

    /** The actor's display name, or the username for an actor who is not a person (not remembered). */
    private String displayName(String username) {
        String name = displayNames.get(username, u -> people.findDisplayNameByUsername(u).orElse(null));
        return name != null ? name : username;
    }

    @Override
    public Optional<String> clientAddress() {
        return request().map(HttpServletRequest::getRemoteAddr);
    }

    @Override
    public Optional<String> userAgent() {
        return request().map(r -> r.getHeader("User-Agent"));
    }

    private static Optional<HttpServletRequest> request() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? Optional.of(attributes.getRequest()) : Optional.empty();
    }
}
