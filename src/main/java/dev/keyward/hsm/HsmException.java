package dev.keyward.hsm;

/** The HSM could not do what was asked; {@link Kind} says whether retrying or the input is at fault. */
public class HsmException extends RuntimeException {

    public enum Kind {
        /** No key with that label. */
        NO_SUCH_KEY,
        /** The key cannot do that (e.g. sign with an AES key). */
        WRONG_KEY_TYPE,
        /** Decryption or MAC check failed: the data or its context was altered. */
        AUTHENTICATION_FAILED,
        /** The HSM is unreachable or failing; retry later or on another backend. */
        UNAVAILABLE,
        /** This backend cannot do that operation at all (see its documentation). */
        UNSUPPORTED
    }

    private final Kind kind;

    public HsmException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public HsmException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
