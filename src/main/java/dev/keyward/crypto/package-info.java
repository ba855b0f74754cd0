/**
 * The REST crypto API for applications and usage metering.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Crypto API", allowedDependencies = {"access", "keys", "hsm", "identity", "audit", "common"})
package dev.keyward.crypto;
