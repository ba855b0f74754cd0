package dev.keyward.access.internal;

import dev.keyward.access.AccessPolicyService;
import dev.keyward.access.AccessRequestService;
import dev.keyward.access.NewAccessRequest;
import dev.keyward.access.Permission;
import dev.keyward.identity.Roles;
import java.util.Set;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Demo: heidi has asked for USE_DECRYPT on orders-dek, so that carol (her manager) and bob (the key's owner)
 * find a decision waiting when they first sign in. Created once, on an empty request table.
 */
@Component
@Profile("demo")
@Order(20)
class DemoRequests implements ApplicationRunner {

    private final AccessRequestService requests;
    private final AccessPolicyService policy;
    private final JdbcClient jdbc;

    DemoRequests(AccessRequestService requests, AccessPolicyService policy, JdbcClient jdbc) {
        this.requests = requests;
        this.policy = policy;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select count(*) from access_request").query(Long.class).single() > 0) {
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("heidi",
                null, AuthorityUtils.createAuthorityList(Roles.authority(Roles.EMPLOYEE))));
        try {
            policy.acknowledge(policy.current().version());
            requests.submit(new NewAccessRequest("orders-dek", Set.of(Permission.USE_DECRYPT), null,
                    "Monthly order reconciliation has to read the encrypted customer fields.", 30, "CHG-2042"));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
