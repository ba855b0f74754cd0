package dev.keyward.access;

import dev.keyward.access.AccessEvents.AccessReduced;
import dev.keyward.access.internal.AccessStore;
import dev.keyward.access.internal.GrantEnding;
import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.identity.ServiceAccount;
import dev.keyward.identity.ServiceAccountService;
import dev.keyward.keys.KeyReference;
import dev.keyward.keys.KeyRotationService;
import dev.keyward.keys.KeyService;
import dev.keyward.keys.Sensitivity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a review of grants (a recertification campaign) needs from access: the active grants in a scope with the
 * facts a reviewer weighs (the key's sensitivity, owner and policy, whether it is overdue for rotation, who the
 * holder is, how the grant has been used), and the two ways a review changes a grant: revoking it (the same path as
 * a manual revocation) and narrowing its permissions. Workflows launch campaigns without a signed-in person, and a
 * reviewer who decides is neither the key's owner nor an officer; the caller has checked the reviewer's signed
 * decision before it changes anything here.
 */
@Service
@Transactional
public class GrantReviews {

    /** Sensitivity names, lowest first, as a scope and a no-response rule spell them. */
    public static final List<String> SENSITIVITIES = Arrays.stream(Sensitivity.values()).map(Enum::name).toList();
    private static final int PAGE = 5_000;

    /**
     * Which active grants to review: every criterion given narrows (null or empty: any); {@code people} and
     * {@code serviceAccounts} say which kinds of holder.
     */
    public record Scope(Set<String> sensitivities, Set<String> keys, Set<String> keyOwners, boolean people,
                        boolean serviceAccounts) {

        public Scope {
            sensitivities = sensitivities == null ? Set.of() : Set.copyOf(sensitivities);
            keys = keys == null ? Set.of() : Set.copyOf(keys);
            keyOwners = keyOwners == null ? Set.of() : Set.copyOf(keyOwners);
        }

        boolean covers(Grant grant, KeyReference key, boolean serviceAccount) {
            return (serviceAccount ? serviceAccounts : people)
                    && (sensitivities.isEmpty() || sensitivities.contains(key.sensitivity().name()))
                    && (keys.isEmpty() || keys.contains(grant.key()))
                    && (keyOwners.isEmpty() || keyOwners.contains(key.owner()));
        }
    }

    /**
     * An active grant with what a reviewer weighs.
     *
     * @param accountOwner    the owner when the holder is a service account, else null
     * @param accountDisabled whether that service account is disabled
     * @param usage           how it has been used (never: zero uses, no date)
     */
    public record Reviewable(Grant grant, boolean serviceAccount, String accountOwner, boolean accountDisabled,
                             String sensitivity, String keyOwner, int keyMaxGrantDays, boolean rotationOverdue,
                             GrantUsage usage) {
    }

    private final AccessStore store;
    private final GrantEnding ending;
    private final KeyService keys;
    private final KeyRotationService rotations;
    private final ServiceAccountService serviceAccounts;
    private final GrantUsage.Source usage;
    private final ApplicationEventPublisher events;

    GrantReviews(AccessStore store, GrantEnding ending, KeyService keys, KeyRotationService rotations,
                 ServiceAccountService serviceAccounts, GrantUsage.Source usage, ApplicationEventPublisher events) {
        this.store = store;
        this.ending = ending;
        this.keys = keys;
        this.rotations = rotations;
        this.serviceAccounts = serviceAccounts;
        this.usage = usage;
        this.events = events;
    }

    /** The aliases among {@code aliases} that name no key: a scope naming them is refused. */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true)
    public Set<String> unknownKeys(Collection<String> aliases) {
        Set<String> known = keys.references().keySet();
        Set<String> unknown = new TreeSet<>(aliases);
        unknown.removeAll(known);
        return unknown;
    }

    /** Every ACTIVE grant {@code scope} covers, with its facts and usage, by grant id. */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true)
    public List<Reviewable> inScope(Scope scope) {
        Map<String, KeyReference> references = keys.references();
        Map<String, ServiceAccount> accounts = serviceAccounts.byName();
        Set<String> overdue = rotations.overdueKeys();
        List<Grant> covered = new ArrayList<>();
        String after = "";
        for (List<Grant> page = store.activeGrantsAfter(after, PAGE); !page.isEmpty();
             page = store.activeGrantsAfter(after, PAGE)) {
            for (Grant grant : page) {
                KeyReference key = references.get(grant.key());
                if (key != null && scope.covers(grant, key, accounts.containsKey(grant.principal()))) {
                    covered.add(grant);
                }
            }
            after = page.get(page.size() - 1).id();
        }
        Map<String, GrantUsage> used = usage.onKeys(covered.stream().map(Grant::key).collect(Collectors.toSet()));
        return covered.stream().map(grant -> {
            KeyReference key = references.get(grant.key());
            ServiceAccount account = accounts.get(grant.principal());
            return new Reviewable(grant, account != null, account != null ? account.owner() : null,
                    account != null && account.status() == ServiceAccount.Status.DISABLED, key.sensitivity().name(),
                    key.owner(), key.maxGrantDays(), overdue.contains(grant.key()),
                    used.getOrDefault(grant.id(), GrantUsage.never(grant.id())));
        }).toList();
    }

    /** How the grants have been used up to now (the review grid shows it live, not as it was at launch). */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Map<String, GrantUsage> usage(Collection<String> grantIds) {
        return usage.of(grantIds);
    }

    /** The grants as they stand now (any status), by id: what a campaign's report says is held after it. */
    @PreAuthorize("hasAnyRole('SECURITY_OFFICER', 'AUDITOR')")
    @Transactional(readOnly = true)
    public Map<String, Grant> current(Collection<String> grantIds) {
        return store.grantsById(List.copyOf(grantIds)).stream().collect(Collectors.toMap(Grant::id, g -> g));
    }

    /**
     * Revokes a grant a reviewer decided to revoke (or a campaign's no-response rule did), in {@code by}'s name.
     * False when the grant had already ended (expired, revoked by hand meanwhile): nothing more to do.
     */
    @PreAuthorize("permitAll()")
    public boolean revoke(String grantId, String by, String reason) {
        return store.findGrant(grantId).map(grant -> ending.revoke(grant, by, reason)).orElse(false);
    }

    /**
     * Narrows a grant to {@code keep}, a non-empty part of what it holds, in {@code by}'s name; the crypto API
     * refuses the dropped permissions as soon as this commits.
     */
    @PreAuthorize("permitAll()")
    public Grant reduce(String grantId, Set<Permission> keep, String by, String reason) {
        Grant grant = store.findGrant(grantId).orElseThrow(() -> new ConflictException("No grant " + grantId + "."));
        Set<Permission> removed = EnumSet.noneOf(Permission.class);
        removed.addAll(grant.permissions());
        removed.removeAll(keep);
        if (keep.isEmpty() || !grant.permissions().containsAll(keep) || removed.isEmpty()) {
            throw new InvalidInputException("keep", "Keep some, not all, of the permissions the grant holds ("
                    + grant.permissions().stream().map(Permission::label).sorted().toList() + ").");
        }
        if (!store.narrow(grantId, keep)) {
            throw new ConflictException("The grant has already ended (" + grant.status() + ").");
        }
        events.publishEvent(new AccessReduced(grantId, grant.principal(), grant.key(), removed, keep, reason));
        return store.findGrant(grantId).orElseThrow();
    }
}
