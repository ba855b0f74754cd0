package dev.keyward.identity;

import java.util.Optional;

/**
 * Where a privileged role request goes to be approved: implemented above this module (identity cannot depend on
 * the approval engine, which depends on it). Without an implementation no privileged role can be granted at all.
 */
public interface RoleApprovals {

    /** Starts the approval of a request just stored, in the caller's transaction. */
    void start(RoleRequest request);

    /**
     * Why the approval engine does not authorize applying {@code request} now (its approval is not for this request,
     * what was signed changed, a slot did not approve, a signature fails), or empty when it does. Identity asks this
     * right before it applies a role, whoever calls it.
     */
    Optional<String> refusalToApply(RoleRequest request);
}
