package dev.keyward.hsm.internal;

import dev.keyward.audit.CheckpointSigner;
import dev.keyward.hsm.HsmBackend;
import dev.keyward.hsm.KeyAlgorithm;
import dev.keyward.hsm.KeyHandle;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * Signs audit checkpoints with an ES256 (P-256) key in the HSM, labelled {@value #LABEL} and created on first use
 * (idempotently, like every HSM key). The private key never leaves the HSM.
 */
class HsmCheckpointSigner implements CheckpointSigner {

    static final String LABEL = "keyward-audit-checkpoints";

    private final HsmBackend hsm;
    private final PublicKey publicKey;
    private final String keyId;

    HsmCheckpointSigner(HsmBackend hsm) {
        this.hsm = hsm;
        KeyHandle key = hsm.generate(LABEL, KeyAlgorithm.EC_P256);
        try {
            this.publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(key.publicKey()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The audit key's public key is unreadable", e);
        }
        this.keyId = keyId(key.publicKey());
    }

    @Override
    public String algorithm() {
        return "ES256";
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public byte[] sign(byte[] data) {
        return hsm.sign(LABEL, data);
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The first 16 hex digits of the SHA-256 of the encoded public key. */
    private static String keyId(byte[] encoded) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded)).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
