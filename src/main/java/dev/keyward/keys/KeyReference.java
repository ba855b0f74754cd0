package dev.keyward.keys;

/**
 * What other modules' rules need to know about a key (access requests, approvals, enforcement): never material,
 * never check values, available without a signed-in person because workflows ask too.
 */
public record KeyReference(long id, String alias, KeyPurpose purpose, Sensitivity sensitivity, String owner,
                           KeyState state, int maxGrantDays) {
}
