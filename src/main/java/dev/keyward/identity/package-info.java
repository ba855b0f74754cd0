/**
 * People, org chart, roles, passkeys, sign-in and session policy, API tokens, HR inbound.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity", allowedDependencies = {"audit", "common"})
package dev.keyward.identity;
