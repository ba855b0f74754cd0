/**
 * Key inventory, policies, the NIST SP 800-57 lifecycle, versions, rotation and destruction.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Keys", allowedDependencies = {"hsm", "approvals", "identity", "audit", "common"})
package dev.keyward.keys;
