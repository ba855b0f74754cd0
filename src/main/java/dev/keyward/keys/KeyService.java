package dev.keyward.keys;

import dev.keyward.common.NotFoundException;
import dev.keyward.identity.CurrentUser;
import dev.keyward.identity.Roles;
import dev.keyward.keys.internal.KeyLifecycle;
import dev.keyward.keys.internal.KeyQueries;
import dev.keyward.keys.internal.ManagedKeyEntity;
import dev.keyward.keys.internal.ManagedKeyRepository;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The key inventory. Everyone signed in sees the catalogue; security officers, auditors and a key's owner also
 * see its versions, check values and history. Security officers create keys and change states; owners activate
 * and suspend their own keys.
 */
@Service
@Transactional
public class KeyService {

    private final ManagedKeyRepository keys;
    private final KeyQueries queries;
    private final KeyLifecycle lifecycle;
    private final CurrentUser currentUser;
    private final Clock clock;

    KeyService(ManagedKeyRepository keys, KeyQueries queries, KeyLifecycle lifecycle, CurrentUser currentUser, Clock clock) {
        this.keys = keys;
        this.queries = queries;
        this.lifecycle = lifecycle;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** Every key, by alias. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<ManagedKey> list() {
        return keys.findAllByOrderByAlias().stream().map(this::view).toList();
    }

    /** One page of matching keys, by alias. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<ManagedKey> find(KeyFilter filter, int offset, int limit) {
        return queries.find(filter, clock.instant(), offset, Math.min(Math.max(limit, 1), 500)).stream().map(this::view).toList();
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public long count(KeyFilter filter) {
        return queries.count(filter, clock.instant());
    }

    /** How many keys are in each state. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Map<KeyState, Long> countByState() {
        return queries.countByState();
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public ManagedKey get(String alias) {
        return view(keys.findByAlias(alias)
                .orElseThrow(() -> new NotFoundException("No key with alias '" + alias + "'.")));
    }

    /** The facts other modules' rules need; for workflows too, so no signed-in person is required. */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true)
    public KeyReference reference(String alias) {
        return keys.findReference(alias).orElseThrow(() -> new NotFoundException("No key with alias '" + alias + "'."));
    }

    /** Every key's reference by alias: for work over many grants at once (a campaign's launch), also in workflows. */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true)
    public Map<String, KeyReference> references() {
        return keys.findAllReferences().stream().collect(Collectors.toMap(KeyReference::alias, r -> r));
    }

    /**
     * The key as the crypto API uses it (algorithm, state, version labels). Any signed-in principal: whether it may
     * use the key is the caller's grant check.
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public UsableKey usable(String alias) {
        return keys.findByAlias(alias).map(ManagedKeyEntity::toUsableKey)
                .orElseThrow(() -> new NotFoundException("No key with alias '" + alias + "'."));
    }

    @RolesAllowed(Roles.SECURITY_OFFICER)
    public ManagedKey create(NewKey request) {
        return view(lifecycle.create(request, currentUser.requireUsername()));
    }

    @PreAuthorize("isAuthenticated()")
    public ManagedKey transition(String alias, KeyState to, String reason) {
        return view(lifecycle.transition(alias, to, reason, currentUser.requireUsername(),
                currentUser.hasRole(Roles.SECURITY_OFFICER)));
    }

    private ManagedKey view(ManagedKeyEntity key) {
        boolean full = currentUser.hasRole(Roles.SECURITY_OFFICER) || currentUser.hasRole(Roles.AUDITOR)
                || currentUser.username().filter(u -> u.equals(key.owner())).isPresent();
        return key.toManagedKey(full);
    }
}
