/**
 * Approval policies, the Approval call activity, inbox and passkey-bound decisions.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Approvals", allowedDependencies = {"identity", "audit"})
package dev.keyward.approvals;
