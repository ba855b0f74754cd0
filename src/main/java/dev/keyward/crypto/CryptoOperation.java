package dev.keyward.crypto;

import dev.keyward.access.Permission;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.KeyState;
import java.util.EnumSet;
import java.util.Set;

/**
 * What an application can do with a key through the crypto API, the permissions a grant must hold for it, the
 * key purpose it needs and the key states that allow it. Operations that make something new (ciphertext,
 * signature, MAC) use the current version and need an ACTIVE key; those that check or open what exists work on
 * every version while the key is ACTIVE, SUSPENDED or DEACTIVATED.
 */
public enum CryptoOperation {
    ENCRYPT(KeyPurpose.ENCRYPT, true, Permission.USE_ENCRYPT),
    DECRYPT(KeyPurpose.ENCRYPT, false, Permission.USE_DECRYPT),
    REWRAP(KeyPurpose.ENCRYPT, true, Permission.USE_DECRYPT, Permission.USE_ENCRYPT),
    SIGN(KeyPurpose.SIGN, true, Permission.USE_SIGN),
    VERIFY(KeyPurpose.SIGN, false, Permission.USE_VERIFY),
    MAC(KeyPurpose.MAC, true, Permission.USE_SIGN),
    MAC_VERIFY(KeyPurpose.MAC, false, Permission.USE_VERIFY);

    private static final Set<KeyState> PRODUCING = EnumSet.of(KeyState.ACTIVE);
    private static final Set<KeyState> CHECKING = EnumSet.of(KeyState.ACTIVE, KeyState.SUSPENDED, KeyState.DEACTIVATED);

    private final KeyPurpose purpose;
    private final boolean producing;
    private final Set<Permission> permissions;

    CryptoOperation(KeyPurpose purpose, boolean producing, Permission first, Permission... more) {
        this.purpose = purpose;
        this.producing = producing;
        this.permissions = EnumSet.of(first, more);
    }

    public KeyPurpose purpose() {
        return purpose;
    }

    /** Every permission a grant must hold for this operation. */
    public Set<Permission> permissions() {
        return permissions;
    }

    /** Whether it makes something new (a ciphertext, signature or MAC) with the current version. */
    public boolean producing() {
        return producing;
    }

    public boolean allowedIn(KeyState state) {
        return (producing ? PRODUCING : CHECKING).contains(state);
    }

    /** As the API and the audit log spell it: {@code mac-verify}. */
    public String label() {
        return name().toLowerCase().replace('_', '-');
    }
}
