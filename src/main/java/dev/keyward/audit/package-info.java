/**
 * Tamper-evident audit log: append-only, hash-chained, signed checkpoints, verifier and export.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit", allowedDependencies = {"common"})
package dev.keyward.audit;
