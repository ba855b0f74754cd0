package dev.keyward.access.internal;

import dev.keyward.access.AccessPolicyService;
import dev.keyward.access.AccessRequest;
import dev.keyward.access.AccessRequestService;
import dev.keyward.access.NewAccessRequest;
import dev.keyward.access.Permission;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.Decision;
import dev.keyward.approvals.PreparedDecision;
import dev.keyward.identity.DemoPasskeys;
import dev.keyward.identity.Roles;
import dev.keyward.identity.ServiceAccountService;
import java.util.List;
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
 * Demo: carol's application {@code payments-app} holds USE_ENCRYPT and USE_DECRYPT on {@code payments-dek}, so the
 * crypto API works out of the box. The grant comes the only way grants come: carol requests it, and bob (her
 * manager) and the security officers dave and grace (the key-owner slot goes to them, since carol owns the key,
 * plus the HIGH key's officer slot) approve with passkeys — seeded ones, retired right after signing
 * ({@link DemoPasskeys}), so every decision still verifies. The job executor then provisions the grant. Once.
 */
@Component
@Profile("demo")
@Order(30)
class DemoGrants implements ApplicationRunner {

    static final String APP = "payments-app";
    static final String KEY = "payments-dek";
    /** Who decides carol's request, in slot order (her manager, then the security officers), with their demo roles. */
    static final List<Approver> APPROVERS = List.of(new Approver("bob", List.of(Roles.EMPLOYEE)),
            new Approver("dave", List.of(Roles.EMPLOYEE, Roles.SECURITY_OFFICER)),
            new Approver("grace", List.of(Roles.EMPLOYEE, Roles.SECURITY_OFFICER)));

    record Approver(String username, List<String> roles) {
    }

    private final AccessRequestService requests;
    private final AccessPolicyService policy;
    private final ApprovalService approvals;
    private final ServiceAccountService serviceAccounts;
    private final DemoPasskeys passkeys;
    private final JdbcClient jdbc;

    DemoGrants(AccessRequestService requests, AccessPolicyService policy, ApprovalService approvals,
               ServiceAccountService serviceAccounts, DemoPasskeys passkeys, JdbcClient jdbc) {
        this.requests = requests;
        this.policy = policy;
        this.approvals = approvals;
        this.serviceAccounts = serviceAccounts;
        this.passkeys = passkeys;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (serviceAccounts.lookup(APP).isEmpty()
                || jdbc.sql("select count(*) from access_request where beneficiary = ?").param(APP).query(Long.class).single() > 0) {
            return;
        }
        try {
            signIn("carol", List.of(Roles.EMPLOYEE));
            policy.acknowledge(policy.current().version());
            AccessRequest request = requests.submit(new NewAccessRequest(KEY, Set.of(Permission.USE_ENCRYPT,
                    Permission.USE_DECRYPT), APP, "The payment service encrypts card numbers before it stores them.", 30,
                    "CHG-2101"));
            for (Approver approver : APPROVERS) {
                signIn(approver.username(), approver.roles());
                approvals.inbox().stream().filter(item -> item.subjectId().equals(request.id())).findFirst()
                        .ifPresent(item -> approve(approver.username(), item.slotId()));
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void approve(String approver, String slotId) {
        DemoPasskeys.Seed seed = passkeys.enrol(approver);
        try {
            PreparedDecision prepared = approvals.prepare(slotId, Decision.APPROVE, "Approved when the demo data was created.");
            approvals.decide(prepared.nonce(), seed.sign(prepared.challenge()));
        } finally {
            passkeys.retire(seed);
        }
    }

    private static void signIn(String username, List<String> roles) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username,
                null, AuthorityUtils.createAuthorityList(roles.stream().map(Roles::authority).toList())));
    }
}
