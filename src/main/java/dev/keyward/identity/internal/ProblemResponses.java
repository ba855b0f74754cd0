package dev.keyward.identity.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyward.identity.IdentityEvents.ApiAccessDenied;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** RFC 9457 problem details for authentication (401) and authorization (403) failures on {@code /api/**}. */
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

    /** Refuses and audits: an authenticated caller asked for more than their roles allow. */
    static AccessDeniedHandler forbidden(ObjectMapper json, ApplicationEventPublisher events) {
        return (request, response, e) -> {
            events.publishEvent(new ApiAccessDenied(request.getMethod(), request.getRequestURI()));
            write(json, request, response, HttpStatus.FORBIDDEN, "Your roles do not allow this request.");
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
