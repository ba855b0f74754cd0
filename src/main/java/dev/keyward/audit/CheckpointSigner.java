package dev.keyward.audit;

import java.security.PublicKey;

/**
 * Signs audit checkpoints. The {@code hsm} module implements it; whoever holds the public key can verify the log
 * without Keyward.
 */
public interface CheckpointSigner {

    /** JOSE name of the signature algorithm, e.g. {@code ES256}. */
    String algorithm();

    /** Identifies the key: the first 16 hex digits of the SHA-256 of its encoded public key. */
    String keyId();

    byte[] sign(byte[] data);

    PublicKey publicKey();
}
