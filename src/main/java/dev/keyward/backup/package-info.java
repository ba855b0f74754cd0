/**
 * Encrypted key backups and restore drills with key-check-value proof.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Backup", allowedDependencies = {"keys", "hsm", "audit", "common"})
package dev.keyward.backup;
