package dev.keyward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import dev.keyward.common.ui.HiddenFrom;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every API endpoint and every view for anonymous callers and each role, and compares the outcome with
 * {@code authorization-matrix.psv}. An endpoint or view missing from the table fails the test.
 */
class AuthorizationMatrixTest extends IntegrationTest {

    /** Callers in the order of the table's columns; {@code null} is anonymous. */
    private static final List<Caller> CALLERS = List.of(
            new Caller("ANONYMOUS", null, Set.of()),
            new Caller("EMPLOYEE", DemoTokens.EMPLOYEE, Set.of("EMPLOYEE")),
            new Caller("SECURITY_OFFICER", DemoTokens.SECURITY_OFFICER, Set.of("EMPLOYEE", "SECURITY_OFFICER")),
            new Caller("AUDITOR", DemoTokens.AUDITOR, Set.of("EMPLOYEE", "AUDITOR")),
            new Caller("ADMIN", DemoTokens.ADMIN, Set.of("EMPLOYEE", "ADMIN")));

    /** Values for path variables: people and tokens that the requests cannot harm. */
    private static final Map<String, String> PATH_VALUES = Map.of("{username}", "heidi", "{id}", "0", "{alias}", "no-such-key",
            "{name}", "no-such-app", "{version}", "1");

    @Autowired
    MockMvc mvc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointAndViewHasARule() throws IOException {
        Set<String> ruled = rows().stream().filter(r -> !r.kind().equals("http")).map(Row::key)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> discovered = new TreeSet<>(apiEndpoints());
        discovered.addAll(views().keySet());
        assertThat(ruled).as("authorization-matrix.psv must list exactly the endpoints and views that exist")
                .containsExactlyInAnyOrderElementsOf(discovered);
    }

    @Test
    void apiEndpointsAnswerAsTheMatrixSays() throws Exception {
        List<String> mismatches = new ArrayList<>();
        for (Row row : rows()) {
            if (!row.kind().equals("api")) {
                continue;
            }
            for (int i = 0; i < CALLERS.size(); i++) {
                Caller caller = CALLERS.get(i);
                int status = mvc.perform(apiRequest(row, caller)).andReturn().getResponse().getStatus();
                String actual = status == 401 || status == 403 ? String.valueOf(status) : "allow";
                if (!actual.equals(row.expected().get(i))) {
                    mismatches.add(row.target() + " as " + caller.name() + ": expected " + row.expected().get(i)
                            + ", got " + actual + " (" + status + ")");
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void viewsOpenAsTheMatrixSays() throws IOException {
        var checker = new AccessAnnotationChecker();
        Map<String, Class<?>> views = views();
        List<String> mismatches = new ArrayList<>();
        for (Row row : rows()) {
            if (!row.kind().equals("view")) {
                continue;
            }
            Class<?> view = views.get(row.key());
            for (int i = 0; i < CALLERS.size(); i++) {
                Caller caller = CALLERS.get(i);
                Principal principal = caller.token() == null ? null : () -> caller.name();
                boolean allowed = checker.hasAccess(view, principal, caller.roles()::contains)
                        && !hiddenFrom(view, caller.roles());
                String actual = allowed ? "allow" : caller.token() == null ? "login" : "deny";
                if (!actual.equals(row.expected().get(i))) {
                    mismatches.add(row.target() + " as " + caller.name() + ": expected " + row.expected().get(i)
                            + ", got " + actual);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void endpointsOutsideTheApiAnswerAsTheMatrixSays() throws Exception {
        for (Row row : rows()) {
            if (row.kind().equals("http")) {
                String[] parts = row.target().split(" ");
                int status = mvc.perform(request(HttpMethod.valueOf(parts[0]), parts[1])).andReturn().getResponse().getStatus();
                assertThat(String.valueOf(status)).as(row.target()).isEqualTo(row.expected().get(0));
            }
        }
    }

    private MockHttpServletRequestBuilder apiRequest(Row row, Caller caller) {
        String[] parts = row.target().split(" ");
        String path = parts[1];
        for (var variable : PATH_VALUES.entrySet()) {
            path = path.replace(variable.getKey(), variable.getValue());
        }
        var request = request(HttpMethod.valueOf(parts[0]), path).accept(MediaType.APPLICATION_JSON);
        if (!row.body().isEmpty()) {
            request.contentType(MediaType.APPLICATION_JSON).content(row.body());
        }
        if (caller.token() != null) {
            request.header("Authorization", DemoTokens.bearer(caller.token()));
        }
        return request;
    }

    private List<String> apiEndpoints() {
        List<String> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPathPatternsCondition().getPatternValues().stream()
                .filter(p -> p.startsWith("/api/"))
                .forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> endpoints.add("api " + m + " " + p))));
        return endpoints;
    }

    /** What {@code HiddenFromChecker} adds to the annotations (the browser tests see it work in Vaadin). */
    private static boolean hiddenFrom(Class<?> view, Collection<String> roles) {
        HiddenFrom hidden = view.getAnnotation(HiddenFrom.class);
        return hidden != null && Arrays.stream(hidden.value()).anyMatch(roles::contains);
    }

    /** Every @Route class in Keyward, keyed as in the table ("view <path>", the root path as "(home)"). */
    private static Map<String, Class<?>> views() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        Map<String, Class<?>> views = new LinkedHashMap<>();
        for (var candidate : scanner.findCandidateComponents("dev.keyward")) {
            try {
                Class<?> type = Class.forName(candidate.getBeanClassName());
                String path = type.getAnnotation(Route.class).value();
                views.put("view " + (path.isEmpty() ? "(home)" : path), type);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return views;
    }

    private static List<Row> rows() throws IOException {
        String text = new ClassPathResource("authorization-matrix.psv").getContentAsString(StandardCharsets.UTF_8);
        return text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(Row::parse).toList();
    }

    record Row(String kind, String target, String body, List<String> expected) {

        static Row parse(String line) {
            String[] cells = line.split("\\|");
            List<String> expected = new ArrayList<>();
            for (int i = 3; i < cells.length; i++) {
                expected.add(cells[i].strip());
            }
            return new Row(cells[0].strip(), cells[1].strip(), cells[2].strip(), expected);
        }

        String key() {
            return kind + " " + target;
        }
    }

    record Caller(String name, String token, Set<String> roles) {
    }
}
