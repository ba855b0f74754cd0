/**
 * The HsmBackend port with its software (Bouncy Castle) and PKCS#11 adapters, mirroring and health.
 */
@org.springframework.modulith.ApplicationModule(displayName = "HSM", allowedDependencies = {"audit", "common"})
package dev.keyward.hsm;
