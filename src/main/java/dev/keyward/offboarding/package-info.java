/**
 * Leaver and mover processes: suspend, re-route, hand over custody, rotate.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Offboarding", allowedDependencies = {"access", "keys", "approvals", "identity", "audit", "common"})
package dev.keyward.offboarding;
