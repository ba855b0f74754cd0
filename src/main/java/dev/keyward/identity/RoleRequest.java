package dev.keyward.identity;

import java.time.Instant;

/**
 * A privileged role asked for somebody: applied only once its approval (two security officers or administrators,
 * neither the requester nor the person) is complete. {@code approvalId} refers to that approval.
 */
public record RoleRequest(String id, String username, String role, String requester, String reason,
                          RoleRequestStatus status, String outcome, String approvalId, Instant createdAt,
                          Instant closedAt) {
}
