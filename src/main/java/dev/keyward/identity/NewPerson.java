package dev.keyward.identity;

import java.util.Set;

/** What it takes to add a person; the password may be {@code null} for passkey-only people. */
public record NewPerson(String username, String displayName, String email, String department,
                        String managerUsername, Set<String> roles, String password) {
}
