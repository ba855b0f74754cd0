package dev.keyward.hsm.internal;

import static dev.keyward.hsm.HsmException.Kind.AUTHENTICATION_FAILED;
import static dev.keyward.hsm.HsmException.Kind.WRONG_KEY_TYPE;

import dev.keyward.hsm.HsmException;
import dev.keyward.hsm.HsmHealth;
import dev.keyward.hsm.KeyAlgorithm;
import dev.keyward.hsm.KeyCheckValues;
import dev.keyward.hsm.KeyHandle;
import dev.keyward.hsm.WrappedKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded default HSM: JCA crypto, key material stored in the database only wrapped (AES-KWP) under the
 * master key-encryption key, which never enters the database or a log. Unwrapped keys are cached in memory.
 */
public class SoftHsmBackend extends KeyLoadingBackend {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final String store;
    private final JdbcTemplate jdbc;
    private final SecretKey kek;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Loaded> cache = new ConcurrentHashMap<>();


    /** A software HSM whose keys live in the database under {@code store}, wrapped under {@code kek}. */
    public SoftHsmBackend(String store, JdbcTemplate jdbc, SecretKey kek) {
        this.store = store;
        this.jdbc = jdbc;
        this.kek = kek;
    }

    /** Opens store {@code store}, checking (or, for an empty store, creating) its master key file. */
    public static SoftHsmBackend open(String store, JdbcTemplate jdbc, Path kekFile, char[] kekPassword) {
        return new SoftHsmBackend(store, jdbc, MasterKey.open(store, kekFile, kekPassword, jdbc));
    }

    @Override
    public String name() {
        return store;
    }

    /**
     * Key ceremony: stores a secret key received out of band, such as the transport key a mirrored pair shares.
     * Idempotent like {@link #generate}.
     */
    public KeyHandle importSecret(String label, KeyAlgorithm algorithm, SecretKey key) {
        return existing(label, algorithm).orElseGet(() -> store(label, algorithm, key, null));
    }

    @Override
    public KeyHandle generate(String label, KeyAlgorithm algorithm) {
        Optional<KeyHandle> existing = existing(label, algorithm);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            if (algorithm.isAsymmetric()) {
                KeyPair pair = keyPairGenerator(algorithm).generateKeyPair();
                return store(label, algorithm, pair.getPrivate(), pair.getPublic());
            }
            KeyGenerator generator = KeyGenerator.getInstance(algorithm == KeyAlgorithm.AES_256 ? "AES" : "HmacSHA256");
            generator.init(256, random);
            return store(label, algorithm, generator.generateKey(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Generating a " + algorithm + " key failed", e);
        }
    }


    @Override
    public byte[] encrypt(String label, byte[] plaintext, byte[] associatedData) {
        Loaded key = require(label, KeyAlgorithm.AES_256);
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, iv));
            if (associatedData != null) {
                cipher.updateAAD(associatedData);
            }
            byte[] out = Arrays.copyOf(iv, IV_BYTES + plaintext.length + TAG_BITS / 8);
            cipher.doFinal(plaintext, 0, plaintext.length, out, IV_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    @Override
    public byte[] decrypt(String label, byte[] ivCiphertextTag, byte[] associatedData) {
        Loaded key = require(label, KeyAlgorithm.AES_256);
        if (ivCiphertextTag.length < IV_BYTES + TAG_BITS / 8) {
            throw new HsmException(AUTHENTICATION_FAILED, "The ciphertext is too short to be Keyward's.");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, ivCiphertextTag, 0, IV_BYTES));
            if (associatedData != null) {
                cipher.updateAAD(associatedData);
            }
            return cipher.doFinal(ivCiphertextTag, IV_BYTES, ivCiphertextTag.length - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw new HsmException(AUTHENTICATION_FAILED, "The ciphertext or its context was altered.", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    @Override
    public byte[] sign(String label, byte[] message) {
        Loaded key = requireAsymmetric(label);
        try {
            Signature signature = signature(key.handle().algorithm());
            signature.initSign((PrivateKey) key.key(), random);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing failed", e);
        }
    }

    @Override
    public boolean verify(String label, byte[] message, byte[] signatureBytes) {
        Loaded key = requireAsymmetric(label);
        try {
            Signature signature = signature(key.handle().algorithm());
            signature.initVerify(key.publicKey());
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Verifying failed", e);
        }
    }

    @Override
    public byte[] signDigest(String label, byte[] sha256) {
        Loaded key = requireDigestSigner(label, sha256);
        try {
            if (key.handle().algorithm() == KeyAlgorithm.EC_P256) {
                Signature signature = Signature.getInstance(RAW_ECDSA);
                signature.initSign((PrivateKey) key.key(), random);
                signature.update(sha256);
                return signature.sign();
            }
            PSSSigner signer = rawPss();
            signer.init(true, new ParametersWithRandom(PrivateKeyFactory.createKey(key.key().getEncoded()), random));
            signer.update(sha256, 0, sha256.length);
            return signer.generateSignature();
        } catch (GeneralSecurityException | IOException | CryptoException e) {
            throw new IllegalStateException("Signing failed", e);
        }
    }

    @Override
    public boolean verifyDigest(String label, byte[] sha256, byte[] signature) {
        Loaded key = requireDigestSigner(label, sha256);
        return verifyDigest(key.handle().algorithm(), key.publicKey(), sha256, signature);
    }

    /** Verifies a signature over a digest with the public key alone (the JDK for ECDSA, Bouncy Castle for PSS). */
    static boolean verifyDigest(KeyAlgorithm algorithm, PublicKey publicKey, byte[] sha256, byte[] signatureBytes) {
        try {
            if (algorithm == KeyAlgorithm.EC_P256) {
                Signature signature = Signature.getInstance(RAW_ECDSA);
                signature.initVerify(publicKey);
                signature.update(sha256);
                return signature.verify(signatureBytes);
            }
            PSSSigner verifier = rawPss();
            verifier.init(false, PublicKeyFactory.createKey(publicKey.getEncoded()));
            verifier.update(sha256, 0, sha256.length);
            return verifier.verifySignature(signatureBytes);
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Verifying failed", e);
        }
    }

    /** RSA-PSS over a pre-computed SHA-256 digest, with the parameters {@link #signature} uses for messages. */
    private static PSSSigner rawPss() {
        return PSSSigner.createRawSigner(new RSABlindedEngine(), new SHA256Digest(), new SHA256Digest(), 32,
                PSSSigner.TRAILER_IMPLICIT);
    }

    @Override
    public byte[] mac(String label, byte[] message) {
        Loaded key = require(label, KeyAlgorithm.HMAC_SHA256);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key.key());
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC failed", e);
        }
    }


    @Override
    public WrappedKey wrap(String wrappingLabel, String label) {
        Loaded wrapping = require(wrappingLabel, KeyAlgorithm.AES_256);
        Loaded target = load(label).orElseThrow(() -> noSuchKey(label));
        return new WrappedKey(target.handle().algorithm(), kwp(wrapping.key(), target.key()), target.handle().publicKey());
    }

    @Override
    public KeyHandle unwrap(String wrappingLabel, WrappedKey wrapped, String newLabel) {
        Optional<KeyHandle> existing = existing(newLabel, wrapped.algorithm());
        if (existing.isPresent()) {
            return existing.get();
        }
        Loaded wrapping = require(wrappingLabel, KeyAlgorithm.AES_256);
        Key key = unkwp(wrapping.key(), wrapped.wrapped(), wrapped.algorithm());
        return store(newLabel, wrapped.algorithm(), key, wrapped.publicKey() == null ? null
                : publicKey(wrapped.algorithm(), wrapped.publicKey()));
    }

    @Override
    public void destroy(String label) {
        jdbc.update("delete from hsm_soft_key where store = ? and label = ?", store, label);
        cache.remove(label);
    }

    @Override
    public HsmHealth health() {
        try {
            jdbc.queryForObject("select count(*) from hsm_soft_kek where store = ?", Long.class, store);
            return new HsmHealth(name(), true, "master key loaded; key store reachable");
        } catch (RuntimeException e) {
            return new HsmHealth(name(), false, "key store unreachable: " + e.getClass().getSimpleName());
        }
    }

    private KeyHandle store(String label, KeyAlgorithm algorithm, Key key, PublicKey publicKey) {
        String kcv = switch (algorithm) {
            case AES_256 -> KeyCheckValues.aes(key);
            case HMAC_SHA256 -> KeyCheckValues.hmac(key);
            default -> KeyCheckValues.publicKey(publicKey.getEncoded());
        };
        KeyHandle handle = new KeyHandle(label, algorithm, kcv, publicKey == null ? null : publicKey.getEncoded());
        try {
            jdbc.update("insert into hsm_soft_key (store, label, algorithm, wrapped_material, public_key, kcv, created_at) "
                            + "values (?, ?, ?, ?, ?, ?, ?)", store, label, algorithm.name(), B64.encodeToString(kwp(kek, key)),
                    publicKey == null ? null : B64.encodeToString(publicKey.getEncoded()), kcv, Timestamp.from(Instant.now()));
        } catch (DuplicateKeyException raced) {
            return sameAlgorithm(find(label).orElseThrow(), algorithm);
        }
        cache.put(label, new Loaded(handle, key, publicKey));
        return handle;
    }

    @Override
    Optional<Loaded> load(String label) {
        Loaded cached = cache.get(label);
        if (cached != null) {
            return Optional.of(cached);
        }
        List<Loaded> rows = jdbc.query("select algorithm, wrapped_material, public_key, kcv from hsm_soft_key "
                        + "where store = ? and label = ?",
                (rs, i) -> {
                    KeyAlgorithm algorithm = KeyAlgorithm.valueOf(rs.getString(1));
                    byte[] pub = rs.getString(3) == null ? null : B64D.decode(rs.getString(3));
                    Key key = unkwp(kek, B64D.decode(rs.getString(2)), algorithm);
                    return new Loaded(new KeyHandle(label, algorithm, rs.getString(4).trim(), pub), key,
                            pub == null ? null : publicKey(algorithm, pub));
                }, store, label);
        rows.forEach(l -> cache.put(label, l));
        return rows.stream().findFirst();
    }





    private KeyPairGenerator keyPairGenerator(KeyAlgorithm algorithm) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.name().startsWith("EC") ? "EC" : "RSA");
        switch (algorithm) {
            case EC_P256 -> generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            case EC_P384 -> generator.initialize(new ECGenParameterSpec("secp384r1"), random);
            case RSA_3072 -> generator.initialize(3072, random);
            case RSA_4096 -> generator.initialize(4096, random);
            default -> throw new IllegalArgumentException(algorithm + " is not a key pair");
        }
        return generator;
    }

    /** ECDSA over input that is already a digest, signature in IEEE P1363 format (r || s). */
    static final String RAW_ECDSA = "NONEwithECDSAinP1363Format";

    static Signature signature(KeyAlgorithm algorithm) throws GeneralSecurityException {
        return switch (algorithm) {
            case EC_P256 -> Signature.getInstance("SHA256withECDSAinP1363Format");
            case EC_P384 -> Signature.getInstance("SHA384withECDSAinP1363Format");
            case RSA_3072, RSA_4096 -> {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield pss;
            }
            default -> throw new HsmException(WRONG_KEY_TYPE, algorithm + " cannot sign");
        };
    }

    private static PublicKey publicKey(KeyAlgorithm algorithm, byte[] encoded) {
        try {
            return KeyFactory.getInstance(algorithm.name().startsWith("EC") ? "EC" : "RSA")
                    .generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored public key is unreadable", e);
        }
    }

    private static byte[] kwp(Key wrappingKey, Key key) {
        try {
            Cipher cipher = Cipher.getInstance("AES/KWP/NoPadding");
            cipher.init(Cipher.WRAP_MODE, wrappingKey);
            return cipher.wrap(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Key wrapping failed", e);
        }
    }

    private static Key unkwp(Key wrappingKey, byte[] wrapped, KeyAlgorithm algorithm) {
        try {
            Cipher cipher = Cipher.getInstance("AES/KWP/NoPadding");
            cipher.init(Cipher.UNWRAP_MODE, wrappingKey);
            return switch (algorithm) {
                case AES_256 -> cipher.unwrap(wrapped, "AES", Cipher.SECRET_KEY);
                case HMAC_SHA256 -> cipher.unwrap(wrapped, "HmacSHA256", Cipher.SECRET_KEY);
                case EC_P256, EC_P384 -> cipher.unwrap(wrapped, "EC", Cipher.PRIVATE_KEY);
                case RSA_3072, RSA_4096 -> cipher.unwrap(wrapped, "RSA", Cipher.PRIVATE_KEY);
            };
        } catch (GeneralSecurityException e) {
            throw new HsmException(AUTHENTICATION_FAILED, "The wrapped key does not unwrap under this key.", e);
        }
    }
}
