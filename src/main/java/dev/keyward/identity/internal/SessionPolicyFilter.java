package dev.keyward.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Enforces the {@link SessionPolicy} before Spring Security reads the session. The servlet container's own
 * timeout cannot do it: Vaadin's heartbeats touch the session every few minutes while a tab is open, so here
 * heartbeats do not count as activity.
 */
class SessionPolicyFilter extends OncePerRequestFilter {

    static final String SIGNED_IN_AT = "keyward.session.signedInAt";
    static final String LAST_ACTIVITY = "keyward.session.lastActivity";

    private final SessionPolicy policy;
    private final Clock clock;

    SessionPolicyFilter(SessionPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Instant now = clock.instant();
        if (session != null && session.getAttribute(SIGNED_IN_AT) instanceof Instant signedInAt) {
            Instant lastActivity = (Instant) session.getAttribute(LAST_ACTIVITY);
            if (policy.isExpired(signedInAt, lastActivity, authorities(session), now)) {
                session.invalidate();
            } else if (!isHeartbeat(request)) {
                session.setAttribute(LAST_ACTIVITY, now);
            }
        }
        chain.doFilter(request, response);
        markSignIn(request, now);
    }

    /** Starts the clocks the first time a session is seen signed in (after the sign-in request itself). */
    private static void markSignIn(HttpServletRequest request, Instant now) {
        HttpSession session = request.getSession(false);
        try {
            if (session != null && session.getAttribute(SIGNED_IN_AT) == null && !authorities(session).isEmpty()) {
                session.setAttribute(SIGNED_IN_AT, now);
                session.setAttribute(LAST_ACTIVITY, now);
            }
        } catch (IllegalStateException invalidated) {
            // signed out during this request: nothing to mark
        }
    }

    private static List<String> authorities(HttpSession session) {
        if (session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)
                instanceof SecurityContext context && context.getAuthentication() != null
                && context.getAuthentication().isAuthenticated()) {
            return context.getAuthentication().getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        }
        return List.of();
    }

    static boolean isHeartbeat(HttpServletRequest request) {
        return "heartbeat".equals(request.getParameter("v-r"));
    }
}
