package dev.keyward.identity;

import java.util.Set;

/**
 * A person as other modules and the UI see them.
 *
 * @param managerUsername the manager in the org chart, or {@code null} at the top
 * @param locked          sign-in locked after too many failures, until an admin unlocks it
 */
public record Person(long id, String username, String displayName, String email, String department,
                     String managerUsername, PersonStatus status, Set<String> roles, boolean locked) {

    public Person {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
