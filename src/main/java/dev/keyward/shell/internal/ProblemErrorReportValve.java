package dev.keyward.shell.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's answer to a request it refuses before any servlet sees it (a path with characters that must be
 * percent-encoded, a broken %-escape, a malformed header): on {@code /api} it is an RFC 9457 problem detail like
 * every other API error, not Tomcat's HTML page; elsewhere Tomcat's page, without server details. Tomcat creates
 * it by class name, hence public.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        if (!forApi(request.getRequestURI(), throwable)) {
            super.report(request, response, throwable);
            return;
        }
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        HttpStatus known = HttpStatus.resolve(status);
        problem.put("title", known == null ? "Error " + status : known.getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", detail(status));
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client is gone or the response already committed: nothing more to tell
        }
    }

    /**
     * Whether the refused request was for the API. When the request line itself could not be parsed Tomcat knows no
     * path; its exception then quotes the request target ("Invalid character found in the request target [...]").
     */
    static boolean forApi(String path, Throwable refusal) {
        if (path != null && !path.isEmpty()) {
            return path.equals("/api") || path.startsWith("/api/");
        }
        String message = refusal == null ? null : refusal.getMessage();
        return message != null && (message.contains("[/api/") || message.contains("[/api ") || message.contains("[/api]"));
    }

    private static String detail(int status) {
        return status == 400
                ? "The request is not valid HTTP: its address has a character that must be percent-encoded (such as a "
                        + "space, | { } or \\), a broken %-escape, or a header Keyward cannot read."
                : "The request was refused before Keyward could read it.";
    }
}
