/**
 * Recertification campaigns, review items, decisions and evidence.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Recertification", allowedDependencies = {"access", "approvals", "identity", "audit", "common"})
package dev.keyward.recertification;
