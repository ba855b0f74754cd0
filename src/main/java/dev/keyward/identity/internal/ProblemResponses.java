package dev.keyward.identity.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyward.identity.IdentityEvents.ApiAccessDenied;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * RFC 9457 problem details for authentication (401) and authorization (403) failures on {@code /api/**}, and for
 * addresses the firewall refuses (400).
 */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static AuthenticationEntryPoint unauthorized(ObjectMapper json) {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"keyward\"");
            write(json, request, response, HttpStatus.UNAUTHORIZED,
                    request.getHeader("Authorization") == null
                            ? "Send a Keyward API token as 'Authorization: Bearer <token>'."
                            : ApiTokenAuthenticationProvider.FAILURE_MESSAGE);
        };
    }

    /**
     * Refuses and audits: an authenticated caller asked for more than they may. A service's own check (owner only,
     * and so on) says why in its message; a role rule (URL or method) names the caller's roles and the request.
     */
    static AccessDeniedHandler forbidden(ObjectMapper json, ApplicationEventPublisher events) {
        return (request, response, e) -> {
            String detail = e instanceof AuthorizationDeniedException || e.getMessage() == null
                    ? "Your roles (" + roles() + ") do not allow " + request.getMethod() + " " + request.getRequestURI() + "."
                    : e.getMessage();
            events.publishEvent(new ApiAccessDenied(request.getMethod(), request.getRequestURI(), detail));
            write(json, request, response, HttpStatus.FORBIDDEN, detail);
        };
    }

    private static String roles() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "none" : authentication.getAuthorities().stream()
                .map(a -> a.getAuthority().replaceFirst("^ROLE_", "")).sorted().collect(Collectors.joining(", "));
    }

    /**
     * A token could not be checked because a service behind it (the database) failed: 503 with Retry-After, never
     * a 401 that blames the caller's credentials.
     */
    static AuthenticationFailureHandler tokenCheckFailed(ObjectMapper json, AuthenticationEntryPoint otherwise,
                                                         Duration retryAfter) {
        return (request, response, e) -> {
            if (e instanceof AuthenticationServiceException) {
                response.setHeader("Retry-After", Long.toString(retryAfter.toSeconds()));
                write(json, request, response, HttpStatus.SERVICE_UNAVAILABLE, "Keyward cannot check API tokens right "
                        + "now: its database does not answer. Your token was not refused; try again shortly.");
            } else {
                otherwise.commence(request, response, e);
            }
        };
    }

    /**
     * The firewall refused the address (encoded slashes, {@code ..}, {@code //}, {@code ;} and the like): a 400
     * problem detail on {@code /api}, a plain 400 elsewhere. Never a redirect to the sign-in page.
     */
    static RequestRejectedHandler rejected(ObjectMapper json) {
        return (request, response, e) -> {
            if (request.getRequestURI().startsWith("/api/")) {
                write(json, request, response, HttpStatus.BAD_REQUEST, "This address is not allowed: it holds "
                        + "characters or sequences Keyward refuses in paths (such as //, .., encoded slashes or ;).");
            } else {
                response.sendError(HttpStatus.BAD_REQUEST.value());
            }
        };
    }

    private static void write(ObjectMapper json, HttpServletRequest request, HttpServletResponse response,
                              HttpStatus status, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
