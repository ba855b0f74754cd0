package dev.keyward.access;

import dev.keyward.access.internal.AccessStore;
import dev.keyward.access.internal.GrantEnding;
import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import dev.keyward.identity.CurrentUser;
import dev.keyward.identity.Roles;
import dev.keyward.identity.ServiceAccount;
import dev.keyward.identity.ServiceAccountService;
import dev.keyward.keys.KeyService;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Grants: who holds which permissions on which key until when. Security officers and auditors see all grants,
 * a key's owner those on the key, everybody their own. The owner or a security officer may revoke early.
 */
@Service
@Transactional
@PreAuthorize("isAuthenticated()")
public class GrantService {

    static final int MAX_RESULTS = 500;

    private final AccessStore store;
    private final KeyService keys;
    private final CurrentUser currentUser;
    private final ServiceAccountService serviceAccounts;
    private final GrantEnding ending;

    GrantService(AccessStore store, KeyService keys, CurrentUser currentUser, ServiceAccountService serviceAccounts,
                 GrantEnding ending) {
        this.serviceAccounts = serviceAccounts;
        this.store = store;
        this.keys = keys;
        this.currentUser = currentUser;
        this.ending = ending;
    }

    /** Grants on {@code key} and/or of {@code principal} (null: any) that the signed-in person may see. */
    @Transactional(readOnly = true)
    public List<Grant> find(String key, String principal, boolean activeOnly) {
        if (key != null) {
            keys.reference(key); // an unknown key is a 404, not an empty list
        }
        return store.grants(blankToNull(key), blankToNull(principal), activeOnly, MAX_RESULTS).stream()
                .filter(this::mayView).toList();
    }

    /** The signed-in person's grants. */
    @Transactional(readOnly = true)
    public List<Grant> mine() {
        return store.grants(null, currentUser.requireUsername(), false, MAX_RESULTS);
    }

    /**
     * The caller's ACTIVE grants on {@code key}, whatever their window: enforcement (the crypto API) checks
     * permissions and validity at the moment of each use.
     */
    @Transactional(readOnly = true)
    public List<Grant> myActiveGrants(String key) {
        return store.grants(key, currentUser.requireUsername(), true, MAX_RESULTS);
    }

    /**
     * The people to tell about what happens to {@code key}: who holds an active grant on it, and for a service account
     * holding one, its owner. For notices, which no signed-in person sends.
     */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true)
    public Set<String> holdersToTell(String key) {
        Set<String> people = new TreeSet<>();
        store.grants(key, null, true, MAX_RESULTS).forEach(g -> people.add(serviceAccounts.lookup(g.principal())
                .map(ServiceAccount::owner).orElse(g.principal())));
        return people;
    }

    /** Ends a grant before its time; the next use is refused. For the key's owner and security officers. */
    public Grant revoke(String grantId, String reason) {
        Grant grant = store.findGrant(grantId).filter(this::mayView)
                .orElseThrow(() -> new NotFoundException("No grant " + grantId + " that you may see."));
        String me = currentUser.requireUsername();
        if (!currentUser.hasRole(Roles.SECURITY_OFFICER) && !me.equals(keys.reference(grant.key()).owner())) {
            throw new AccessDeniedException(
                    "Only the key's owner or a security officer can revoke access to " + grant.key() + ".");
        }
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new InvalidInputException("reason", "Give a reason (1 to 1000 characters) for revoking the grant.");
        }
        if (!ending.revoke(grant, me, reason.strip())) {
            throw new ConflictException("The grant has already ended (" + grant.status() + ").");
        }
        return store.findGrant(grantId).orElseThrow();
    }

    private boolean mayView(Grant grant) {
        String me = currentUser.requireUsername();
        return me.equals(grant.principal()) || currentUser.hasRole(Roles.SECURITY_OFFICER)
                || currentUser.hasRole(Roles.AUDITOR) || me.equals(keys.reference(grant.key()).owner())
                || serviceAccounts.lookup(grant.principal()).filter(a -> a.owner().equals(me)).isPresent();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
