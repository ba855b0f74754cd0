package dev.keyward.access;

import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.Decision;
import dev.keyward.approvals.InboxItem;
import dev.keyward.approvals.PreparedDecision;
import dev.keyward.identity.Roles;
import dev.keyward.identity.internal.IdentityProperties;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.KeyService;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.NewKey;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.SoftwareAuthenticator;
import dev.keyward.support.TestPeople;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Component;

/**
 * A cast for access tests: a requester reporting to a manager, a key owner and two security officers, each with
 * a software passkey; keys of any sensitivity; and the moves people make (request, decide).
 */
@Component
public class AccessFixture {

    public static final String JUSTIFICATION = "The nightly settlement batch must encrypt card data.";

    private final TestPeople people;
    private final KeyService keys;
    private final AccessRequestService requests;
    private final AccessPolicyService policy;
    private final ApprovalService approvals;
    private final PublicKeyCredentialUserEntityRepository userEntities;
    private final UserCredentialRepository credentials;
    private final IdentityProperties identity;
    private final Map<String, SoftwareAuthenticator> passkeys = new ConcurrentHashMap<>();
    private final Map<String, Authentication> signedIn = new ConcurrentHashMap<>();

    AccessFixture(TestPeople people, KeyService keys, AccessRequestService requests, AccessPolicyService policy,
                  ApprovalService approvals, PublicKeyCredentialUserEntityRepository userEntities,
                  UserCredentialRepository credentials, IdentityProperties identity) {
        this.people = people;
        this.keys = keys;
        this.requests = requests;
        this.policy = policy;
        this.approvals = approvals;
        this.userEntities = userEntities;
        this.credentials = credentials;
        this.identity = identity;
    }

    /** The people of one test. */
    public record Cast(String requester, String manager, String owner, String officer1, String officer2) {
    }

    public Cast cast() {
        String manager = withPasskey(people.create("manager"));
        String requester = withPasskey(people.createReportingTo("requester", manager));
        return new Cast(requester, manager, withPasskey(people.create("owner")),
                withPasskey(people.create("officer", Roles.SECURITY_OFFICER)),
                withPasskey(people.create("officer", Roles.SECURITY_OFFICER)));
    }

    /** {@code count} new people reporting to {@code manager}, each having acknowledged the policy in force. */
    public List<String> requestersOf(String manager, String prefix, int count) {
        List<String> requesters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String requester = people.createReportingTo(prefix, manager);
            as(requester);
            policy.acknowledge(policy.current().version());
            requesters.add(requester);
        }
        SecurityContextHolder.clearContext();
        return requesters;
    }

    /** Registers a software passkey for an existing person. */
    public String withPasskey(String username) {
        passkeys.put(username, SoftwareAuthenticator.register(username, identity.webauthn().rpId(),
                identity.webauthn().origins().get(0), userEntities, credentials));
        return username;
    }

    public SoftwareAuthenticator passkey(String username) {
        return passkeys.get(username);
    }

    /** An ACTIVE AES key of {@code sensitivity} owned by {@code owner}, created by a security officer. */
    public String activeKey(Sensitivity sensitivity, String owner, String officer) {
        return activeKey(sensitivity, owner, officer, "AES_256", KeyPurpose.ENCRYPT);
    }

    /** An ACTIVE key of any algorithm and purpose, owned by {@code owner}, created by a security officer. */
    public String activeKey(Sensitivity sensitivity, String owner, String officer, String algorithm, KeyPurpose purpose) {
        String alias = "acc-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        as(officer);
        keys.create(new NewKey(alias, algorithm, purpose, sensitivity, owner, null));
        keys.transition(alias, KeyState.ACTIVE, "ready for use");
        SecurityContextHolder.clearContext();
        return alias;
    }

    /** {@code requester} acknowledges the policy and asks for USE_ENCRYPT on {@code key} for 5 days. */
    public AccessRequest request(String requester, String key) {
        as(requester);
        policy.acknowledge(policy.current().version());
        return requests.submit(new NewAccessRequest(key, Set.of(Permission.USE_ENCRYPT), null, JUSTIFICATION, 5, "CHG-1001"));
    }

    /** {@code requester} acknowledges the policy and asks for {@code permissions} on {@code key} for {@code beneficiary}. */
    public AccessRequest request(String requester, String key, Set<Permission> permissions, String beneficiary) {
        as(requester);
        policy.acknowledge(policy.current().version());
        return requests.submit(new NewAccessRequest(key, permissions, beneficiary, JUSTIFICATION, 5, null));
    }

    /** Everyone of the cast with a slot of the request approves it, in the order manager, owner, officers. */
    public void approveAll(Cast cast, String requestId) {
        for (String who : List.of(cast.manager(), cast.owner(), cast.officer1(), cast.officer2())) {
            as(who);
            if (approvals.inbox().stream().anyMatch(i -> i.subjectId().equals(requestId))) {
                decide(who, requestId, Decision.APPROVE, null);
            }
        }
    }

    /** {@code who} decides their open slot of the request, signing with their passkey. */
    public void decide(String who, String requestId, Decision decision, String comment) {
        as(who);
        PreparedDecision prepared = approvals.prepare(slotOf(who, requestId).slotId(), decision, comment);
        approvals.decide(prepared.nonce(), passkey(who).sign(prepared));
    }

    /** The slot of the request in {@code who}'s inbox. */
    public InboxItem slotOf(String who, String requestId) {
        as(who);
        return approvals.inbox().stream().filter(i -> i.subjectId().equals(requestId)).findFirst()
                .orElseThrow(() -> new AssertionError(who + " has no slot of request " + requestId + " to decide"));
    }

    /** Signs {@code username} in on this thread (their roles are read once per test run: fixtures do not change them). */
    public void as(String username) {
        SecurityContextHolder.getContext().setAuthentication(signedIn.computeIfAbsent(username, u -> {
            people.signIn(u);
            return SecurityContextHolder.getContext().getAuthentication();
        }));
    }
}
