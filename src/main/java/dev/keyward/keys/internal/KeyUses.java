package dev.keyward.keys.internal;

import dev.keyward.keys.KeyDependents;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Everything the modules above keys say still relies on a key or one of its versions, as sentences. */
@Component
public class KeyUses {

    private final List<KeyDependents> dependents;

    KeyUses(List<KeyDependents> dependents) {
        this.dependents = dependents;
    }

    /** What relies on {@code alias} now: active grants, and use since {@code since}. */
    public List<String> of(String alias, Instant since) {
        return dependents.stream().flatMap(d -> d.of(alias, since).stream()).toList();
    }

    /** Who used {@code version} of {@code alias} since {@code since} (the rewrap census). */
    public List<String> ofVersion(String alias, int version, Instant since) {
        return dependents.stream().flatMap(d -> d.ofVersion(alias, version, since).stream()).toList();
    }
}
