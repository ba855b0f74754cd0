package dev.keyward.support;

import dev.keyward.identity.ApiTokenService;
import dev.keyward.identity.NewPerson;
import dev.keyward.identity.Roles;
import dev.keyward.identity.internal.PersonFactory;
import dev.keyward.identity.internal.PersonRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Adds throw-away people, so tests never depend on (or disturb) each other's or the demo people's state. */
@Component
public class TestPeople {

    public static final String PASSWORD = "correct horse battery staple";

    private final PersonRepository people;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final ApiTokenService tokens;
    private final PublicKeyCredentialUserEntityRepository userEntities;
    private final UserCredentialRepository credentials;

    TestPeople(PersonRepository people, PasswordEncoder encoder, Clock clock, ApiTokenService tokens,
               PublicKeyCredentialUserEntityRepository userEntities, UserCredentialRepository credentials) {
        this.userEntities = userEntities;
        this.credentials = credentials;
        this.people = people;
        this.encoder = encoder;
        this.clock = clock;
        this.tokens = tokens;
    }

    /** Issues a 30-day personal API token for {@code username}, as that person would under My security. */
    public String issueToken(String username) {
        var person = people.findByUsername(username).orElseThrow();
        var authorities = person.getRoles().stream().map(r -> new SimpleGrantedAuthority(Roles.authority(r))).toList();
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null, authorities));
        try {
            return tokens.create("test token", Duration.ofDays(30)).secret();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** A new ACTIVE person with {@link #PASSWORD}; returns the username. */
    @Transactional
    public String create(String prefix, String... roles) {
        return createReportingTo(prefix, null, roles);
    }

    /** A new ACTIVE person whose manager in the org chart is {@code manager}; returns the username. */
    @Transactional
    public String createReportingTo(String prefix, String manager, String... roles) {
        String username = prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        PersonFactory.create(new NewPerson(username, "Test " + username, username + "@test.example", "Testing",
                manager, Set.of(roles), PASSWORD), people, encoder, clock);
        return username;
    }

    /** Removes the passkeys of (demo) people, so that a browser test enrols their passkey on its own authenticator. */
    public void forgetPasskeys(String... usernames) {
        for (String username : usernames) {
            var entity = userEntities.findByUsername(username);
            if (entity != null) {
                credentials.findByUserId(entity.getId()).forEach(c -> credentials.delete(c.getCredentialId()));
            }
        }
    }

    /** Makes {@code username}, with their current roles, the signed-in person of this thread. */
    public void signIn(String username) {
        var person = people.findByUsername(username).orElseThrow();
        var authorities = person.getRoles().stream().map(r -> new SimpleGrantedAuthority(Roles.authority(r))).toList();
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null, authorities));
    }
}
