/**
 * The REST crypto API for applications and usage metering.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Crypto API", allowedDependencies = {"access", "keys", "hsm", "identity", "audit"})
package dev.keyward.crypto;
