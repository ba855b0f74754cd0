package dev.keyward.access;

import java.util.Set;

/**
 * What somebody asks for. {@code beneficiary} null means the caller; {@code durationDays} null means the default
 * for the key's sensitivity (bounded by the key's policy).
 */
public record NewAccessRequest(String key, Set<Permission> permissions, String beneficiary, String justification,
                               Integer durationDays, String ticket) {
}
