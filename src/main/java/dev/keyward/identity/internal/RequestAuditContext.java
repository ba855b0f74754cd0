package dev.keyward.identity.internal;

import dev.keyward.audit.AuditActor;
import dev.keyward.audit.AuditContext;
import dev.keyward.identity.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Tells the audit log who acts (the signed-in person, else "system") and from which address and browser. */
@Component
class RequestAuditContext implements AuditContext {

    private final CurrentUser currentUser;
    private final PersonRepository people;

    RequestAuditContext(CurrentUser currentUser, PersonRepository people) {
        this.currentUser = currentUser;
        this.people = people;
    }

    @Override
    public AuditActor actor() {
        return currentUser.username()
                .map(u -> new AuditActor(u, people.findDisplayNameByUsername(u).orElse(u)))
                .orElse(AuditActor.SYSTEM);
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
