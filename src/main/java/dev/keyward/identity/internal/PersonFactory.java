package dev.keyward.identity.internal;

import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import dev.keyward.identity.NewPerson;
import dev.keyward.identity.Roles;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Validates and stores a new person; shared by the admin API and the demo data. */
public final class PersonFactory {

    static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");

    private PersonFactory() {
    }

    public static PersonEntity create(NewPerson p, PersonRepository people, PasswordEncoder encoder, Clock clock) {
        if (p.username() == null || !USERNAME.matcher(p.username()).matches()) {
            throw new InvalidInputException(
                    "A username is 2 to 64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter.");
        }
        if (p.displayName() == null || p.displayName().isBlank() || p.email() == null || !p.email().contains("@")) {
            throw new InvalidInputException("A person needs a display name and an e-mail address.");
        }
        if (people.findByUsername(p.username()).isPresent() || people.serviceAccountExists(p.username())) {
            throw new ConflictException("The username '" + p.username() + "' is taken.");
        }
        PersonEntity entity = new PersonEntity(p.username(), p.displayName(), p.email(), p.department(), clock.instant());
        if (p.managerUsername() != null) {
            entity.setManager(people.findByUsername(p.managerUsername()).orElseThrow(
                    () -> new NotFoundException("No manager with username '" + p.managerUsername() + "'.")));
        }
        if (p.roles() != null) {
            entity.setRoles(checkRoles(p.roles()));
        }
        if (p.password() != null) {
            entity.setPasswordHash(encoder.encode(p.password()));
        }
        return people.save(entity);
    }

    /** Returns the roles if every one is known, else refuses with the list of known roles. */
    public static Set<String> checkRoles(Set<String> roles) {
        Set<String> unknown = new HashSet<>(roles);
        unknown.removeAll(Roles.ALL);
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("roles", "Unknown roles " + unknown + "; known roles are " + Roles.ALL + ".");
        }
        return roles;
    }
}
