package dev.keyward.shell.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No API query parameter takes several values, so a repeated one ({@code ?state=ACTIVE&state=DESTROYED}) is refused
 * rather than silently read as its first value: a script and Keyward must never disagree about what was asked.
 */
class SingleValuedQueryFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    SingleValuedQueryFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String repeated = request.getQueryString() == null ? null : request.getParameterMap().entrySet().stream()
                .filter(e -> e.getValue().length > 1).map(Map.Entry::getKey).findFirst().orElse(null);
        if (repeated == null) {
            chain.doFilter(request, response);
            return;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "'" + repeated + "' is given more than once; give each query parameter once.");
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
