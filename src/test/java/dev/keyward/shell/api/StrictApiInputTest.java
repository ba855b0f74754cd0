package dev.keyward.shell.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Over a real connection (Tomcat, the firewall and Vaadin's servlet all take part): bad input on {@code /api} is a
 * 400 problem detail that names the field, never a 500, never stored; every error there is
 * {@code application/problem+json}; responses carry the security headers.
 */
class StrictApiInputTest extends IntegrationTest {

    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    ObjectMapper json;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "duplicate key       | POST | /api/v1/me/tokens             | {\"name\":\"a\",\"name\":\"b\",\"expiresInDays\":30} | The field 'name' appears more than once.",
            "float as int        | POST | /api/v1/me/tokens             | {\"name\":\"a\",\"expiresInDays\":1.5}                | 'expiresInDays' must be a whole number.",
            "text as int         | POST | /api/v1/me/tokens             | {\"name\":\"a\",\"expiresInDays\":\"30\"}             | 'expiresInDays' must be a whole number.",
            "boolean as text     | POST | /api/v1/service-accounts      | {\"name\":true,\"description\":\"an app\"}          | 'name' must be text.",
            "number as text      | POST | /api/v1/service-accounts      | {\"name\":12,\"description\":\"an app\"}            | 'name' must be text.",
            "trailing garbage    | POST | /api/v1/me/tokens             | {\"name\":\"a\",\"expiresInDays\":30} xyz             | The body is not valid JSON.",
            "second value        | POST | /api/v1/me/tokens             | {\"name\":\"a\",\"expiresInDays\":30} {}              | The body must hold one JSON value and nothing after it.",
            "unknown field       | POST | /api/v1/me/tokens             | {\"name\":\"a\",\"expiresInDays\":30,\"admin\":true} | Unknown field 'admin'.",
            "null in a role list | PUT  | /api/v1/people/alice/roles    | {\"roles\":[null]}                                   | 'roles[0]' must not be null.",
            "array for object    | PUT  | /api/v1/people/alice/roles    | []                                                   | The body must be a JSON object.",
            "enum value          | PUT  | /api/v1/people/alice/status   | {\"status\":\"GONE\"}                                | 'status' must be one of ACTIVE, SUSPENDED, LEFT.",
    })
    void badBodiesAreNamedAndNothingIsStored(String what, String method, String path, String body, String detail)
            throws Exception {
        long tokensBefore = countTokens();
        var response = send(method, path, body, DemoTokens.ADMIN);
        JsonNode p = assertProblem(response, 400);
        assertThat(p.path("detail").asText()).isEqualTo(detail);
        assertThat(countTokens()).isEqualTo(tokensBefore);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "paging overflow (keys)    | /api/v1/keys?page=4300000&size=500                        | beyond any list",
            "paging overflow (audit)   | /api/v1/audit/entries?page=4300000&size=1000              | beyond any list",
            "repeated query field      | /api/v1/audit/entries?outcome=SUCCESS&outcome=MAYBE       | 'outcome' is given more than once",
            "repeated parameter        | /api/v1/keys?state=ACTIVE&state=DESTROYED                 | 'state' is given more than once",
            "date out of range         | /api/v1/audit/entries?from=%2B999999999-12-31T23:59:59Z   | between 1970 and 9999",
            "date not a date           | /api/v1/audit/entries?from=yesterday                      | 'from' must be a date and time",
            "enum in a query           | /api/v1/keys?state=SHINY                                  | 'state' must be one of",
    })
    void badQueriesAreNamed(String what, String pathAndQuery, String detail) throws Exception {
        var response = send("GET", pathAndQuery, null, DemoTokens.AUDITOR);
        JsonNode p = assertProblem(response, 400);
        assertThat(p.path("detail").asText()).contains(detail)
                .doesNotContain("java.").doesNotContain("[L").doesNotContain("Exception");
    }

    @Test
    void unknownAddressesAndMethodsAreProblemsNotTheUi() throws Exception {
        JsonNode p = assertProblem(send("GET", "/api/v1/nothing-here", null, DemoTokens.ADMIN), 404);
        assertThat(p.path("detail").asText()).contains("/api/v1/nothing-here");
        assertProblem(send("DELETE", "/api/v1/keys", null, DemoTokens.ADMIN), 405);
        assertProblem(send("GET", "/api/v1/nothing-here", null, null), 401);
    }

    @ParameterizedTest
    @CsvSource({"/api//v1/keys", "/api/v1/keys/a%2Fb", "/api/v1/keys;jsessionid=1", "/api/v1/keys/%2e%2e/audit/verify"})
    void rejectedAddressesAreProblemsEvenWithAValidToken(String path) throws Exception {
        var response = send("GET", path, null, DemoTokens.AUDITOR);
        JsonNode p = assertProblem(response, 400);
        assertThat(p.path("detail").asText()).contains("not allowed");
    }

    /** Requests Tomcat refuses before any servlet: sent as raw bytes, since an HTTP client would not send them. */
    @ParameterizedTest
    @CsvSource({"/api/v1/keys/a|b", "/api/v1/keys/%zz", "/api/v1/keys/a%00b", "/api/v1/keys/{x}"})
    void addressesTomcatRefusesAreProblemsToo(String path) throws Exception {
        String response = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + DemoTokens.bearer(DemoTokens.AUDITOR) + "\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 400");
        String headers = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
        assertThat(headers).contains("content-type: application/problem+json");
        JsonNode problem = json.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asText()).contains("percent-encoded");

        String page = raw("GET /keys/a|b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(page).startsWith("HTTP/1.1 400").doesNotContain("Apache Tomcat");
    }

    private static String raw(String request) throws Exception {
        try (var socket = new Socket("127.0.0.1", PORT)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void responsesCarrySecurityHeadersAndSessionsStayInCookies() throws Exception {
        var api = send("GET", "/api/v1/me", null, DemoTokens.AUDITOR);
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; frame-ancestors 'none'");
        assertThat(api.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

        var login = send("GET", "/login", null, null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");

        var home = send("GET", "/my-grants", null, null);
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location").orElseThrow()).doesNotContainIgnoringCase("KEYWARD_SESSION")
                .doesNotContainIgnoringCase("jsessionid");
    }

    /** Asserts a problem detail with this status and returns it. */
    private JsonNode assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        return problem;
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", DemoTokens.bearer(token));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private long countTokens() {
        return jdbc.queryForObject("select count(*) from identity_api_token", Long.class)
                + jdbc.queryForObject("select count(*) from identity_service_account", Long.class);
    }
}
