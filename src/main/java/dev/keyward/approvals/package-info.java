/**
 * Approval policies, the Approval call activity, inbox and passkey-bound decisions.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Approvals", allowedDependencies = {"identity", "audit", "common"})
package dev.keyward.approvals;
