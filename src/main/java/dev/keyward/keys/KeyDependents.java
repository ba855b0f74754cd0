package dev.keyward.keys;

import java.time.Instant;
import java.util.List;

/**
 * What still relies on a key, asked before it is destroyed, or on one of its versions, asked before that is retired.
 * The modules above keys implement it (access: active grants; crypto: recent use, the rewrap census), so keys learns
 * of them without depending on them.
 */
public interface KeyDependents {

    /** One sentence per thing that relies on {@code alias}, counting use since {@code since}; empty when nothing does. */
    List<String> of(String alias, Instant since);

    /** The same for one version: who used {@code version} of {@code alias} since {@code since}. */
    default List<String> ofVersion(String alias, int version, Instant since) {
        return List.of();
    }
}
