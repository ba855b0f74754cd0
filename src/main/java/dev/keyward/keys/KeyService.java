package dev.keyward.keys;

import dev.keyward.identity.CurrentUser;
import dev.keyward.identity.Roles;
import dev.keyward.keys.internal.KeyLifecycle;
import dev.keyward.keys.internal.ManagedKeyEntity;
import dev.keyward.keys.internal.ManagedKeyRepository;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.NoSuchElementException;
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
    private final KeyLifecycle lifecycle;
    private final CurrentUser currentUser;

    KeyService(ManagedKeyRepository keys, KeyLifecycle lifecycle, CurrentUser currentUser) {
        this.keys = keys;
        this.lifecycle = lifecycle;
        this.currentUser = currentUser;
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<ManagedKey> list() {
        return keys.findAllByOrderByAlias().stream().map(this::view).toList();
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public ManagedKey get(String alias) {
        return view(keys.findByAlias(alias)
                .orElseThrow(() -> new NoSuchElementException("No key with alias '" + alias + "'.")));
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
