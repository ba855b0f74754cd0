package dev.keyward.crypto;

/**
 * A crypto call Keyward refused or could not complete; {@link Kind} decides the HTTP status. The message says
 * what to do and never holds data from the request.
 */
public class CryptoRefusedException extends RuntimeException {

    public enum Kind {
        /** 403: no grant active now holds the permissions the operation needs. */
        NO_GRANT,
        /** 409: the key's (or version's) state does not allow the operation. */
        STATE_FORBIDS,
        /** 410: the key was destroyed; no call will ever succeed again. */
        KEY_DESTROYED,
        /** 422: the ciphertext, its context or the key does not match (authentication tag mismatch). */
        NOT_AUTHENTIC,
        /** 503: the HSM cannot be reached; retry later. */
        HSM_UNAVAILABLE
    }

    private final Kind kind;

    public CryptoRefusedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
