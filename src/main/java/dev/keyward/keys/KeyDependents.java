package dev.keyward.keys;

import java.time.Instant;
import java.util.List;

/**
 * What still relies on a key, asked before it is destroyed. The modules above keys implement it (access: active
 * grants; crypto: recent use), so keys learns of them without depending on them.
 */
public interface KeyDependents {

    /** One sentence per thing that relies on {@code alias}, counting use since {@code since}; empty when nothing does. */
    List<String> of(String alias, Instant since);
}
