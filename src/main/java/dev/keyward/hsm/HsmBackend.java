package dev.keyward.hsm;

import java.util.Optional;

/**
 * The port every HSM adapter implements. Keys are addressed by label; material never leaves the backend except
 * wrapped. {@link #generate} is idempotent by label, because a workflow step may run twice after a crash.
 */
public interface HsmBackend {

    String name();

    /** Generates a key, or returns the existing one when {@code label} is taken by a key of the same algorithm. */
    KeyHandle generate(String label, KeyAlgorithm algorithm);

    Optional<KeyHandle> find(String label);

    default boolean exists(String label) {
        return find(label).isPresent();
    }

    /** AES-GCM: returns a fresh 12-byte IV followed by ciphertext and 16-byte tag. */
    byte[] encrypt(String label, byte[] plaintext, byte[] associatedData);

    /** The reverse of {@link #encrypt}; an altered ciphertext or context fails with AUTHENTICATION_FAILED. */
    byte[] decrypt(String label, byte[] ivCiphertextTag, byte[] associatedData);

    /** ECDSA (SHA-256 for P-256, SHA-384 for P-384; P1363 format) or RSA-PSS with SHA-256. */
    byte[] sign(String label, byte[] message);

    boolean verify(String label, byte[] message, byte[] signature);

    /**
     * A signature over a SHA-256 digest the caller computed, the same kind {@link #sign} makes over the message:
     * ECDSA (P1363) for EC P-256 keys, RSA-PSS (SHA-256, MGF1-SHA-256, salt 32) for RSA keys. P-384 keys sign
     * SHA-384 and are refused, like a digest that is not 32 bytes, with WRONG_KEY_TYPE.
     */
    byte[] signDigest(String label, byte[] sha256);

    boolean verifyDigest(String label, byte[] sha256, byte[] signature);

    /** HMAC-SHA256. */
    byte[] mac(String label, byte[] message);

    boolean verifyMac(String label, byte[] message, byte[] mac);

    /** Wraps key {@code label} under AES key {@code wrappingLabel}. */
    WrappedKey wrap(String wrappingLabel, String label);

    /** Stores a wrapped key under {@code newLabel}; idempotent like {@link #generate}. */
    KeyHandle unwrap(String wrappingLabel, WrappedKey key, String newLabel);

    /** Destroys the key material; a later call for the same label is a no-op. */
    void destroy(String label);

    HsmHealth health();
}
