package dev.keyward.identity.internal;

import dev.keyward.identity.PersonStatus;
import dev.keyward.identity.Roles;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads people for password and passkey sign-in. Only ACTIVE people are enabled; a locked account stays locked
 * whichever way it signs in. Absurd usernames are rejected before they reach the database.
 */
@Component
class KeywardUserDetailsService implements UserDetailsService {

    /** No stored hash matches this, so a person without a password can only use a passkey. */
    private static final String NO_PASSWORD = "{none}";

    private final PersonRepository people;

    KeywardUserDetailsService(PersonRepository people) {
        this.people = people;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        if (!SignInNames.isPlausible(username)) {
            throw new UsernameNotFoundException("Unknown user");
        }
        PersonEntity person = people.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("Unknown user"));
        return User.withUsername(person.getUsername())
                .password(person.getPasswordHash() == null ? NO_PASSWORD : person.getPasswordHash())
                .authorities(person.getRoles().stream().map(Roles::authority).toArray(String[]::new))
                .disabled(person.getStatus() != PersonStatus.ACTIVE)
                .accountLocked(person.isLocked())
                .build();
    }
}
