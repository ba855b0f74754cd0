package dev.keyward.keys;

import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import dev.keyward.identity.CurrentUser;
import dev.keyward.identity.Roles;
import dev.keyward.keys.internal.ManagedKeyEntity;
import dev.keyward.keys.internal.ManagedKeyRepository;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The checks every governed change to a key makes the same way (rotation, retirement, destruction): the key exists,
 * who may ask and who may see, and the free text people give with it.
 */
@Component
class KeyChangeRules {

    static final int MAX_TEXT = 1000;

    private final ManagedKeyRepository keys;
    private final CurrentUser currentUser;

    KeyChangeRules(ManagedKeyRepository keys, CurrentUser currentUser) {
        this.keys = keys;
        this.currentUser = currentUser;
    }

    ManagedKeyEntity load(String alias) {
        return keys.findByAlias(alias).orElseThrow(() -> new NotFoundException("No key with alias '" + alias + "'."));
    }

    /** The key's owner or a security officer; never an auditor. {@code change}: "rotate this key", say. */
    void refuseUnlessOwnerOrOfficer(ManagedKeyEntity key, String change) {
        if (currentUser.hasRole(Roles.AUDITOR) || !(currentUser.hasRole(Roles.SECURITY_OFFICER)
                || currentUser.username().filter(key.owner()::equals).isPresent())) {
            throw new AccessDeniedException("Only a security officer or the key's owner may ask to " + change + ".");
        }
    }

    /** The key's owner, security officers and auditors. {@code what}: "its rotations", say. */
    void refuseUnlessInvolved(ManagedKeyEntity key, String what) {
        if (!(currentUser.hasRole(Roles.SECURITY_OFFICER) || currentUser.hasRole(Roles.AUDITOR)
                || currentUser.username().filter(key.owner()::equals).isPresent())) {
            throw new AccessDeniedException("Only the key's owner, security officers and auditors see " + what + ".");
        }
    }

    /** The reason, stripped; refused when blank or too long, saying where it goes ("the rotation log", say). */
    String reason(String value, String keptIn) {
        String reason = text(value);
        if (reason == null) {
            throw new InvalidInputException("reason", "Give a reason (1 to " + MAX_TEXT + " characters); the approvers "
                    + "read it and " + keptIn + " keeps it.");
        }
        return reason;
    }

    /** An override reason, stripped, or null when none is given; refused when too long. */
    String override(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String override = text(value);
        if (override == null) {
            throw new InvalidInputException("override", "An override reason is at most " + MAX_TEXT + " characters.");
        }
        return override;
    }

    /** {@code value} stripped, or null when it is blank or longer than {@link #MAX_TEXT}. */
    static String text(String value) {
        String stripped = value == null ? "" : value.strip();
        return stripped.isEmpty() || stripped.length() > MAX_TEXT ? null : stripped;
    }
}
