package dev.keyward.crypto.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.keyward.access.AccessEvents;
import dev.keyward.access.Grant;
import dev.keyward.access.GrantService;
import dev.keyward.keys.KeyEvents;
import dev.keyward.keys.KeyService;
import dev.keyward.keys.UsableKey;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keys and the caller's grants as the hot path reads them, remembered for at most {@code keyward.crypto.cache-ttl}
 * (one second by default) so a busy application does not query the database on every call. A grant or key change
 * on this node empties the cache as soon as it commits; on other nodes the time to live bounds how long an old
 * answer can live. Validity windows are checked at each call, never cached. Entries past half their life are
 * reloaded by the one call that finds them so (in its own thread, so with its own identity) while concurrent calls
 * go on with the current answer: a busy key never makes every caller wait for the database at once.
 */
@Component
public class Entitlements {

    private record GrantsKey(String principal, String key) {
    }

    private final LoadingCache<String, UsableKey> keyCache;
    private final LoadingCache<GrantsKey, List<Grant>> grantCache;

    Entitlements(KeyService keys, GrantService grants, CryptoProperties properties) {
        this.keyCache = cache(properties.cacheTtl(), 10_000).build(keys::usable);
        // Keyed by the signed-in principal, so the reload (in the calling thread) reads that principal's grants.
        this.grantCache = cache(properties.cacheTtl(), 100_000).build(k -> grants.myActiveGrants(k.key()));
    }

    private static Caffeine<Object, Object> cache(Duration ttl, int size) {
        Caffeine<Object, Object> builder = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(size);
        return ttl.isZero() ? builder : builder.refreshAfterWrite(ttl.dividedBy(2)).executor(Runnable::run);
    }

    /** The key (404 as {@code NotFoundException} when there is none; not cached). */
    public UsableKey key(String alias) {
        return keyCache.get(alias);
    }

    /** The signed-in principal's ACTIVE grants on {@code alias}. */
    public List<Grant> grantsOf(String principal, String alias) {
        return grantCache.get(new GrantsKey(principal, alias));
    }

    /** After completion, not through the event publication registry: a crash empties these caches anyway. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMPLETION, fallbackExecution = true,
            classes = {AccessEvents.AccessGranted.class, AccessEvents.AccessRevoked.class, AccessEvents.AccessReduced.class,
                    AccessEvents.AccessExpired.class})
    void grantsChanged() {
        grantCache.invalidateAll();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMPLETION, fallbackExecution = true,
            classes = {KeyEvents.KeyStateChanged.class, KeyEvents.KeyRotated.class, KeyEvents.KeyCreated.class,
                    KeyEvents.VersionRetired.class})
    void keysChanged() {
        keyCache.invalidateAll();
    }
}
