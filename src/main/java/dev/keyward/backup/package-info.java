/**
 * Encrypted key backups and restore drills with key-check-value proof.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Backup", allowedDependencies = {"keys", "hsm", "audit"})
package dev.keyward.backup;
