package dev.keyward.crypto.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keyward.access.AccessEvents;
import dev.keyward.access.Grant;
import dev.keyward.access.GrantService;
import dev.keyward.keys.KeyEvents;
import dev.keyward.keys.KeyService;
import dev.keyward.keys.UsableKey;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keys and the caller's grants as the hot path reads them, remembered for at most {@code keyward.crypto.cache-ttl}
 * (one second by default) so a busy application does not query the database on every call. A grant or key change
 * on this node empties the cache as soon as it commits; on other nodes the time to live bounds how long an old
 * answer can live. Validity windows are checked at each call, never cached.
 */
@Component
public class Entitlements {

    private record GrantsKey(String principal, String key) {
    }

    private final KeyService keys;
    private final GrantService grants;
    private final Cache<String, UsableKey> keyCache;
    private final Cache<GrantsKey, List<Grant>> grantCache;

    Entitlements(KeyService keys, GrantService grants, CryptoProperties properties) {
        this.keys = keys;
        this.grants = grants;
        this.keyCache = Caffeine.newBuilder().expireAfterWrite(properties.cacheTtl()).maximumSize(10_000).build();
        this.grantCache = Caffeine.newBuilder().expireAfterWrite(properties.cacheTtl()).maximumSize(100_000).build();
    }

    /** The key (404 as {@code NoSuchElementException} when there is none; not cached). */
    public UsableKey key(String alias) {
        return keyCache.get(alias, keys::usable);
    }

    /** The signed-in principal's ACTIVE grants on {@code alias}. */
    public List<Grant> grantsOf(String principal, String alias) {
        return grantCache.get(new GrantsKey(principal, alias), k -> grants.myActiveGrants(alias));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true,
            classes = {AccessEvents.AccessGranted.class, AccessEvents.AccessRevoked.class, AccessEvents.AccessExpired.class})
    void grantsChanged() {
        grantCache.invalidateAll();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true,
            classes = {KeyEvents.KeyStateChanged.class, KeyEvents.KeyRotated.class, KeyEvents.KeyCreated.class})
    void keysChanged() {
        keyCache.invalidateAll();
    }
}
