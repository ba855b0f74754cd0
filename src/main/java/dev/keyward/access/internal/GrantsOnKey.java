package dev.keyward.access.internal;

import dev.keyward.access.Grant;
import dev.keyward.access.Permission;
import dev.keyward.keys.KeyDependents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** A key's active grants rely on it: destroying it is refused while there are any, unless overridden. */
@Component
class GrantsOnKey implements KeyDependents {

    private final AccessStore store;
    private final Clock clock;

    GrantsOnKey(AccessStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public List<String> of(String alias, Instant since) {
        Instant now = clock.instant();
        List<Grant> active = store.grants(alias, null, true, 500).stream().filter(g -> g.validUntil().isAfter(now)).toList();
        if (active.isEmpty()) {
            return List.of();
        }
        return List.of(active.size() + (active.size() == 1 ? " active grant: " : " active grants: ")
                + active.stream().map(g -> g.principal() + " (" + g.permissions().stream().sorted().map(Permission::label)
                        .collect(Collectors.joining(", ")) + " until " + g.validUntil().atZone(ZoneOffset.UTC).toLocalDate()
                        + ")").collect(Collectors.joining(", ")) + ".");
    }
}
