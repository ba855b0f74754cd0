package dev.keyward.recertification;

import dev.keyward.access.Permission;
import java.util.Set;

/**
 * A reviewer's decision on one item: KEEP, REVOKE, or REDUCE to {@code keep} (some of the permissions it holds).
 * {@code comment} is required to keep a flagged item.
 */
public record ItemDecision(long itemId, Decision decision, Set<Permission> keep, String comment) {

    public enum Decision { KEEP, REVOKE, REDUCE }
}
