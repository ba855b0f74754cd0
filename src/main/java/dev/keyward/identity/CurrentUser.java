package dev.keyward.identity;

import java.util.Optional;

/** The person acting in the current request; inject it instead of reading the security context statically. */
public interface CurrentUser {

    /** The signed-in username, or empty for anonymous requests. */
    Optional<String> username();

    /** The signed-in username; throws if nobody is signed in. */
    default String requireUsername() {
        return username().orElseThrow(() -> new IllegalStateException("Nobody is signed in."));
    }

    boolean hasRole(String role);
}
