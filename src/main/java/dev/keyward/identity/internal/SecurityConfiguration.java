package dev.keyward.identity.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.spring.security.NavigationAccessControlConfigurer;
import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import dev.keyward.identity.Roles;
import dev.keyward.identity.ui.LoginView;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Two filter chains. {@code /api/**}: stateless, bearer API tokens only, no cookies, no CSRF, problem-detail
 * errors. Everything else: the Vaadin UI with password and passkey sign-in, deny by default.
 */
@Configuration
@EnableMethodSecurity(jsr250Enabled = true)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        var encoder = new DelegatingPasswordEncoder("argon2",
                Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
        encoder.setDefaultPasswordEncoderForMatches(new NeverMatchingPasswordEncoder());
        return encoder;
    }

    static final String[] CRYPTO_OPERATIONS = {"/api/v1/keys/*/encrypt", "/api/v1/keys/*/decrypt",
            "/api/v1/keys/*/rewrap", "/api/v1/keys/*/sign", "/api/v1/keys/*/verify", "/api/v1/keys/*/mac",
            "/api/v1/keys/*/mac-verify"};

    /**
     * No observation per filter, authentication or authorization: on an API call they cost more than the crypto
     * itself, and the audit log records every security decision anyway. (HTTP request metrics stay.)
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Content-Security-Policy for the UI: Vaadin Flow needs inline styles and evaluated scripts, nothing foreign. */
    static final String UI_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    /** What a caller is told to wait when the database does not answer (connections time out after 2 s). */
    static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);

    @Bean
    RequestRejectedHandler rejectedRequests(ObjectMapper json) {
        return ProblemResponses.rejected(json);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokenAuthenticationProvider tokens, ObjectMapper json,
                                 ApplicationEventPublisher events) throws Exception {
        var entryPoint = ProblemResponses.unauthorized(json);
        var tokenManager = new ProviderManager(tokens);
        var bearer = new AuthenticationFilter(tokenManager, new BearerTokenConverter());
        bearer.setSuccessHandler((request, response, authentication) -> { });
        bearer.setFailureHandler(ProblemResponses.tokenCheckFailed(json, entryPoint, DATABASE_RETRY_AFTER));
        http.securityMatcher("/api/**")
                .authenticationManager(tokenManager)
                // URL rules repeat the services' method security so that a caller without the role is refused
                // before the request body is even read (no validation details for the unauthorised).
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/api/v1/people", "/api/v1/people/**")
                        .hasAnyRole(Roles.ADMIN, Roles.SECURITY_OFFICER, Roles.AUDITOR)
                        .requestMatchers("/api/v1/people", "/api/v1/people/**").hasRole(Roles.ADMIN)
                        .requestMatchers("/api/v1/audit/**").hasAnyRole(Roles.AUDITOR, Roles.SECURITY_OFFICER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/keys").hasRole(Roles.SECURITY_OFFICER)
                        // Service accounts (role APPLICATION) reach the crypto API and the key catalogue only.
                        .requestMatchers(HttpMethod.POST, CRYPTO_OPERATIONS).authenticated()
                        .requestMatchers(HttpMethod.GET, "/api/v1/keys", "/api/v1/keys/*").authenticated()
                        .anyRequest().access(AuthorizationManagers.allOf(AuthenticatedAuthorizationManager.authenticated(),
                                AuthorizationManagers.not(AuthorityAuthorizationManager.hasRole(Roles.APPLICATION)))))
                .addFilterBefore(bearer, AuthorizationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER)))
                .requestCache(c -> c.disable())
                .anonymous(a -> { })
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(ProblemResponses.forbidden(json, events)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain appChain(HttpSecurity http, UserDetailsService users, PasswordEncoder encoder,
                                 SignInThrottle throttle, IdentityProperties properties, RequestUtil vaadinRequests)
            throws Exception {
        http.authenticationManager(new ProviderManager(
                new ThrottledPasswordAuthenticationProvider(users, encoder, throttle)));
        http.authorizeHttpRequests(a -> a
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                .requestMatchers("/js/**", "/styles/**", "/images/**").permitAll()
                .requestMatchers("/actuator/**").hasRole(Roles.ADMIN));
        // Vaadin protects its own requests with its security key; unlike Vaadin's default, the password form
        // post stays CSRF-protected (no login CSRF). The login form sends the token from the page's meta tags.
        http.csrf(c -> c.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest));
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                .enableCsrfConfiguration(false));
        var rp = properties.webauthn();
        http.webAuthn(w -> w.rpName(rp.rpName()).rpId(rp.rpId()).allowedOrigins(Set.copyOf(rp.origins()))
                .disableDefaultRegistrationPage(true));
        http.sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()));
        http.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(UI_CONTENT_SECURITY_POLICY))
                .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /** Vaadin's view checks: the annotations, and views hidden from some roles ({@code @HiddenFrom}). */
    @Bean
    static NavigationAccessControlConfigurer navigationAccessControlConfigurer() {
        return new NavigationAccessControlConfigurer().withAnnotatedViewAccessChecker()
                .withNavigationAccessChecker(new HiddenFromChecker())
                .withDecisionResolver(new HiddenFromChecker.DenyWins());
    }

    @Bean
    FilterRegistrationBean<SessionPolicyFilter> sessionPolicyFilter(IdentityProperties properties, Clock clock) {
        var s = properties.session();
        var policy = new SessionPolicy(s.idleTimeout(), s.privilegedIdleTimeout(), s.absoluteTimeout(),
                Roles.PRIVILEGED.stream().map(Roles::authority).toList());
        var registration = new FilterRegistrationBean<>(new SessionPolicyFilter(policy, clock));
        // Before Spring Security (order -100) loads the security context from the session.
        registration.setOrder(-200);
        return registration;
    }

    /** For people without a password: no stored value ever matches, so they sign in with a passkey only. */
    private static final class NeverMatchingPasswordEncoder implements PasswordEncoder {

        @Override
        public String encode(CharSequence rawPassword) {
            throw new IllegalStateException("This encoder only refuses matches; it never encodes.");
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            return false;
        }
    }
}
