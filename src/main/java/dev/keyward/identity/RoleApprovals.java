package dev.keyward.identity;

/**
 * Where a privileged role request goes to be approved: implemented above this module (identity cannot depend on
 * the approval engine, which depends on it). Without an implementation no privileged role can be granted at all.
 */
public interface RoleApprovals {

    /** Starts the approval of a request just stored, in the caller's transaction. */
    void start(RoleRequest request);
}
