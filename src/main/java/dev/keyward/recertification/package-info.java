/**
 * Recertification campaigns, review items, decisions and evidence.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Recertification", allowedDependencies = {"access", "approvals", "identity", "audit"})
package dev.keyward.recertification;
