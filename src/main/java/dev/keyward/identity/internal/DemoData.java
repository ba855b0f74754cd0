package dev.keyward.identity.internal;

import dev.keyward.identity.NewPerson;
import dev.keyward.identity.Roles;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo organisation (profile {@code demo} only): everyone's password is {@value #PASSWORD}, and
 * {@code keyward.demo.api-tokens.<username>=<secret>} seeds personal API tokens for scripts. Idempotent.
 */
@Component
@Profile("demo")
@Order(0)
class DemoData implements ApplicationRunner {

    static final String PASSWORD = "keyward-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    /** Managers come before their reports. */
    static final List<NewPerson> PEOPLE = List.of(
            person("bob", "Bob Baker", "Engineering", null),
            person("alice", "Alice Adams", "Engineering", "bob"),
            person("carol", "Carol Chen", "Payments", "bob"),
            person("heidi", "Heidi Hart", "Payments", "carol"),
            person("dave", "Dave Dunn", "Security", null, Roles.SECURITY_OFFICER),
            person("grace", "Grace Green", "Security", null, Roles.SECURITY_OFFICER),
            person("ivy", "Ivy Irwin", "Security", null, Roles.SECURITY_OFFICER),
            person("erin", "Erin Evans", "Internal Audit", null, Roles.AUDITOR),
            person("frank", "Frank Fischer", "IT Operations", null, Roles.ADMIN));

    /** The demo application: carol's payment service. */
    static final String DEMO_APP = "payments-app";

    private final PersonRepository people;
    private final ServiceAccountRepository accounts;
    private final ApiTokenRepository tokens;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final Map<String, String> seededTokens;

    DemoData(PersonRepository people, ServiceAccountRepository accounts, ApiTokenRepository tokens,
             PasswordEncoder encoder, Clock clock, IdentityProperties properties) {
        this.people = people;
        this.accounts = accounts;
        this.tokens = tokens;
        this.encoder = encoder;
        this.clock = clock;
        this.seededTokens = properties.demo().apiTokens();
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        int added = 0;
        for (NewPerson p : PEOPLE) {
            if (people.findByUsername(p.username()).isEmpty()) {
                PersonFactory.create(p, people, encoder, clock);
                added++;
            }
        }
        if (accounts.findByName(DEMO_APP).isEmpty()) {
            accounts.save(new ServiceAccountEntity(DEMO_APP, "Encrypts card data for the payment service",
                    people.findByUsername("carol").orElseThrow(), clock.instant()));
        }
        seededTokens.forEach(this::seedToken);
        log.warn("Demo profile: {} demo people added ({} in all); password '{}'. Never use the demo profile in production.",
                added, PEOPLE.size(), PASSWORD);
    }

    private void seedToken(String username, String secret) {
        if (tokens.findByTokenHash(TokenSecrets.hash(secret)).isPresent()) {
            return;
        }
        var account = accounts.findByName(username);
        if (account.isPresent()) {
            tokens.save(ApiTokenEntity.issueFor(account.get(), account.get().getOwner(), "demo token", secret,
                    clock.instant(), Duration.ofDays(90)));
            log.info("Demo profile: seeded an API token for service account {}", username);
            return;
        }
        PersonEntity owner = people.findByUsername(username).orElseThrow(() -> new IllegalStateException(
                "keyward.demo.api-tokens names '" + username + "', who is neither a demo person nor " + DEMO_APP + "."));
        tokens.save(ApiTokenEntity.issue(owner, "demo token", secret, clock.instant(), Duration.ofDays(90)));
        log.info("Demo profile: seeded an API token for {}", username);
    }

    private static NewPerson person(String username, String name, String department, String manager, String... roles) {
        return new NewPerson(username, name, username + "@keyward.example", department, manager, Set.of(roles), PASSWORD);
    }
}
