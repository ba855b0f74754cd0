/**
 * Grants, the access-request process, enforcement, expiry and revocation.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Access", allowedDependencies = {"keys", "approvals", "identity", "audit", "common"})
package dev.keyward.access;
