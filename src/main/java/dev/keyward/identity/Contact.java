package dev.keyward.identity;

/** How to reach an ACTIVE person: for notifications. */
public record Contact(String username, String displayName, String email) {
}
