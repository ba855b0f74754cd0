package dev.keyward.hsm.internal;

import static dev.keyward.hsm.HsmException.Kind.NO_SUCH_KEY;
import static dev.keyward.hsm.HsmException.Kind.WRONG_KEY_TYPE;

import dev.keyward.hsm.HsmBackend;
import dev.keyward.hsm.HsmException;
import dev.keyward.hsm.KeyAlgorithm;
import dev.keyward.hsm.KeyHandle;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Optional;

/** What the JCA-based backends share: finding a key by label and checking it fits the operation. */
abstract class KeyLoadingBackend implements HsmBackend {

    /** A key ready for operations: the secret or private key, and the public key of a pair. */
    record Loaded(KeyHandle handle, Key key, PublicKey publicKey) {
    }

    /** The key labelled {@code label}, if the backend holds one. */
    abstract Optional<Loaded> load(String label);

    @Override
    public Optional<KeyHandle> find(String label) {
        return load(label).map(Loaded::handle);
    }

    @Override
    public boolean verifyMac(String label, byte[] message, byte[] expected) {
        return MessageDigest.isEqual(mac(label, message), expected);
    }

    Loaded require(String label, KeyAlgorithm algorithm) {
        Loaded key = load(label).orElseThrow(() -> noSuchKey(label));
        if (key.handle().algorithm() != algorithm) {
            throw new HsmException(WRONG_KEY_TYPE, "Key '" + label + "' is " + key.handle().algorithm() + ", not " + algorithm + ".");
        }
        return key;
    }

    Loaded requireAsymmetric(String label) {
        Loaded key = load(label).orElseThrow(() -> noSuchKey(label));
        if (!key.handle().algorithm().isAsymmetric()) {
            throw new HsmException(WRONG_KEY_TYPE, "Key '" + label + "' is " + key.handle().algorithm() + " and cannot sign.");
        }
        return key;
    }

    /** An EC P-256 or RSA key for signing a SHA-256 digest; P-384 keys are refused with WRONG_KEY_TYPE. */
    Loaded requireDigestSigner(String label, byte[] sha256) {
        Loaded key = requireAsymmetric(label);
        if (key.handle().algorithm() == KeyAlgorithm.EC_P384) {
            throw new HsmException(WRONG_KEY_TYPE, "Key '" + label + "' is EC_P384, which signs SHA-384; only EC P-256 "
                    + "and RSA keys sign a SHA-256 digest. Send the message instead.");
        }
        if (sha256 == null || sha256.length != 32) {
            throw new HsmException(WRONG_KEY_TYPE, "A SHA-256 digest is 32 bytes.");
        }
        return key;
    }

    /** For idempotent generation: the key already under {@code label}, refused if its algorithm differs. */
    Optional<KeyHandle> existing(String label, KeyAlgorithm algorithm) {
        return find(label).map(handle -> sameAlgorithm(handle, algorithm));
    }

    /** The existing key if it has the wanted algorithm, else a refusal. */
    static KeyHandle sameAlgorithm(KeyHandle existing, KeyAlgorithm wanted) {
        if (existing.algorithm() != wanted) {
            throw new HsmException(WRONG_KEY_TYPE, "Label '" + existing.label() + "' already holds a "
                    + existing.algorithm() + " key, not " + wanted + ".");
        }
        return existing;
    }

    static HsmException noSuchKey(String label) {
        return new HsmException(NO_SUCH_KEY, "No key labelled '" + label + "'.");
    }
}
