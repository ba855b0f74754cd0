package dev.keyward.hsm.internal;

import static dev.keyward.hsm.HsmException.Kind.AUTHENTICATION_FAILED;
import static dev.keyward.hsm.HsmException.Kind.UNAVAILABLE;
import static dev.keyward.hsm.HsmException.Kind.WRONG_KEY_TYPE;

import dev.keyward.hsm.HsmException;
import dev.keyward.hsm.HsmHealth;
import dev.keyward.hsm.KeyAlgorithm;
import dev.keyward.hsm.KeyCheckValues;
import dev.keyward.hsm.KeyHandle;
import dev.keyward.hsm.WrappedKey;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.springframework.util.function.SingletonSupplier;

/**
 * A PKCS#11 token through the JDK's SunPKCS11. Keys are generated on the token, stored as token objects under
 * their label, sensitive (never readable in clear) and extractable only by wrapping. Key pairs carry a
 * self-signed certificate because the PKCS#11 key store finds private keys through it. Wrapping (C_WrapKey with
 * CKM_AES_KEY_WRAP_PAD), which Java 17's SunPKCS11 lacks, goes through {@link Pkcs11Direct}.
 */
public class Pkcs11HsmBackend extends KeyLoadingBackend {

    /** Appended to the operator's configuration: what Keyward demands of every key it generates. */
    static final String KEY_TEMPLATES = """
            attributes(generate, CKO_SECRET_KEY, *) = {
              CKA_SENSITIVE = true
              CKA_EXTRACTABLE = true
            }
            attributes(generate, CKO_PRIVATE_KEY, *) = {
              CKA_SENSITIVE = true
              CKA_EXTRACTABLE = true
            }
            attributes(*, CKO_SECRET_KEY, *) = {
              CKA_SENSITIVE = true
            }
            """;
    private static final byte[] PROBE = "keyward-unwrap-probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Signs the certificates that only link unwrapped private keys to their alias (see {@link #unwrap}). */
    private static final Supplier<PrivateKey> EPHEMERAL_ISSUER = SingletonSupplier.of(Pkcs11HsmBackend::ephemeralIssuer);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String name;
    private final Provider provider;
    private final KeyStore store;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Loaded> cache = new ConcurrentHashMap<>();
    private final Pkcs11Direct direct;
    private final char[] pin;


    /** Connects to the token described by the SunPKCS11 configuration file and logs in with {@code pin}. */
    public Pkcs11HsmBackend(String name, Path configuration, char[] pin) {
        this.name = name;
        try {
            String config = Files.readString(configuration) + "\n" + KEY_TEMPLATES;
            this.provider = Security.getProvider("SunPKCS11").configure("--" + config);
            this.store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
            this.direct = Pkcs11Direct.open(name, config, pin);
            this.pin = pin.clone();
        } catch (IOException | GeneralSecurityException e) {
            throw new HsmException(UNAVAILABLE, "Cannot log in to the PKCS#11 token configured in " + configuration
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized KeyHandle generate(String label, KeyAlgorithm algorithm) {
        Optional<KeyHandle> existing = existing(label, algorithm);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            if (algorithm.isAsymmetric()) {
                KeyPair pair = keyPairGenerator(algorithm).generateKeyPair();
                return storePair(label, algorithm, pair.getPrivate(), pair.getPublic());
            }
            KeyGenerator generator = KeyGenerator.getInstance(algorithm == KeyAlgorithm.AES_256 ? "AES" : "HmacSHA256", provider);
            generator.init(256);
            return storeSecret(label, algorithm, generator.generateKey());
        } catch (GeneralSecurityException e) {
            throw unavailable("Generating a " + algorithm + " key", e);
        }
    }


    @Override
    public byte[] encrypt(String label, byte[] plaintext, byte[] associatedData) {
        Loaded key = require(label, KeyAlgorithm.AES_256);
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, iv));
            if (associatedData != null) {
                cipher.updateAAD(associatedData);
            }
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw unavailable("AES-GCM encryption", e);
        }
    }

    @Override
    public byte[] decrypt(String label, byte[] ivCiphertextTag, byte[] associatedData) {
        Loaded key = require(label, KeyAlgorithm.AES_256);
        if (ivCiphertextTag.length < IV_BYTES + TAG_BITS / 8) {
            throw new HsmException(AUTHENTICATION_FAILED, "The ciphertext is too short to be Keyward's.");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, ivCiphertextTag, 0, IV_BYTES));
            if (associatedData != null) {
                cipher.updateAAD(associatedData);
            }
            return cipher.doFinal(ivCiphertextTag, IV_BYTES, ivCiphertextTag.length - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw new HsmException(AUTHENTICATION_FAILED, "The ciphertext or its context was altered.", e);
        } catch (GeneralSecurityException e) {
            throw unavailable("AES-GCM decryption", e);
        }
    }

    @Override
    public byte[] sign(String label, byte[] message) {
        Loaded key = requireAsymmetric(label);
        try {
            Signature signature = signature(key.handle().algorithm(), provider);
            signature.initSign((PrivateKey) key.key());
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw unavailable("Signing", e);
        }
    }

    @Override
    public byte[] signDigest(String label, byte[] sha256) {
        Loaded key = requireDigestSigner(label, sha256);
        if (key.handle().algorithm() != KeyAlgorithm.EC_P256) {
            return direct.signPssDigest(label, sha256); // SunPKCS11 has no raw RSA-PSS
        }
        try {
            Signature signature = Signature.getInstance(SoftHsmBackend.RAW_ECDSA, provider);
            signature.initSign((PrivateKey) key.key());
            signature.update(sha256);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw unavailable("Signing", e);
        }
    }

    @Override
    public boolean verifyDigest(String label, byte[] sha256, byte[] signature) {
        Loaded key = requireDigestSigner(label, sha256);
        return SoftHsmBackend.verifyDigest(key.handle().algorithm(), key.publicKey(), sha256, signature);
    }

    @Override
    public boolean verify(String label, byte[] message, byte[] signatureBytes) {
        Loaded key = requireAsymmetric(label);
        try {
            // Verification needs only the public key; the JDK does it without a round trip to the token.
            Signature signature = SoftHsmBackend.signature(key.handle().algorithm());
            signature.initVerify(key.publicKey());
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw unavailable("Verifying", e);
        }
    }

    @Override
    public byte[] mac(String label, byte[] message) {
        Loaded key = require(label, KeyAlgorithm.HMAC_SHA256);
        try {
            Mac mac = Mac.getInstance("HmacSHA256", provider);
            mac.init(key.key());
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw unavailable("HMAC", e);
        }
    }


    @Override
    public WrappedKey wrap(String wrappingLabel, String label) {
        require(wrappingLabel, KeyAlgorithm.AES_256);
        KeyHandle target = find(label).orElseThrow(() -> noSuchKey(label));
        return new WrappedKey(target.algorithm(), direct.wrap(wrappingLabel, label, !target.algorithm().isAsymmetric()),
                target.publicKey());
    }

    /**
     * Unwraps onto the token. A private key arrives with its public key, which must belong to it: the new key signs
     * a probe that the public key has to verify, else it is removed and the unwrap refused.
     */
    @Override
    public synchronized KeyHandle unwrap(String wrappingLabel, WrappedKey wrapped, String newLabel) {
        Optional<KeyHandle> existing = existing(newLabel, wrapped.algorithm());
        if (existing.isPresent()) {
            return existing.get();
        }
        require(wrappingLabel, KeyAlgorithm.AES_256);
        try {
            if (wrapped.algorithm().isAsymmetric()) {
                PublicKey publicKey = publicKey(wrapped.algorithm(), wrapped.publicKey());
                direct.unwrapPrivate(wrappingLabel, wrapped.wrapped(), newLabel, wrapped.algorithm(),
                        certificate(newLabel, publicKey, EPHEMERAL_ISSUER.get(), "SHA256withECDSA", null));
            } else {
                direct.unwrapSecret(wrappingLabel, wrapped.wrapped(), newLabel, wrapped.algorithm());
            }
            store.load(null, pin); // SunPKCS11's key store maps labels only on load and on its own writes
        } catch (IOException | GeneralSecurityException e) {
            throw unavailable("Unwrapping '" + newLabel + "'", e);
        }
        cache.remove(newLabel);
        KeyHandle handle = find(newLabel).orElseThrow(() -> unavailable("Unwrapping '" + newLabel + "'",
                new IllegalStateException("the key store does not list it")));
        if (handle.algorithm().isAsymmetric() && !verify(newLabel, PROBE, sign(newLabel, PROBE))) {
            destroy(newLabel);
            throw new HsmException(AUTHENTICATION_FAILED, "The unwrapped private key does not match the public key "
                    + "that came with it; nothing was kept.");
        }
        return handle;
    }

    @Override
    public synchronized void destroy(String label) {
        try {
            if (store.containsAlias(label)) {
                store.deleteEntry(label);
            }
            cache.remove(label);
        } catch (GeneralSecurityException e) {
            throw unavailable("Destroying", e);
        }
    }

    @Override
    public HsmHealth health() {
        try {
            SecureRandom.getInstance("PKCS11", provider).nextBytes(new byte[8]);
            return new HsmHealth(name, true, "token answers");
        } catch (GeneralSecurityException | RuntimeException e) {
            return new HsmHealth(name, false, "token does not answer: " + e.getClass().getSimpleName());
        }
    }

    private KeyHandle storeSecret(String label, KeyAlgorithm algorithm, SecretKey key) throws GeneralSecurityException {
        store.setEntry(label, new KeyStore.SecretKeyEntry(key), null);
        cache.remove(label);
        return find(label).orElseThrow();
    }

    private KeyHandle storePair(String label, KeyAlgorithm algorithm, PrivateKey key, PublicKey publicKey)
            throws GeneralSecurityException {
        String signatureAlgorithm = switch (algorithm) {
            case EC_P384 -> "SHA384withECDSA";
            case EC_P256 -> "SHA256withECDSA";
            default -> "SHA256withRSA";
        };
        store.setKeyEntry(label, key, null, new Certificate[] {certificate(label, publicKey, key, signatureAlgorithm, provider)});
        cache.remove(label);
        return find(label).orElseThrow();
    }

    @Override
    Optional<Loaded> load(String label) {
        Loaded cached = cache.get(label);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            if (!store.containsAlias(label)) {
                return Optional.empty();
            }
            Key key = store.getKey(label, null);
            Loaded loaded;
            if (key instanceof SecretKey secret) {
                KeyAlgorithm algorithm = secret.getAlgorithm().equalsIgnoreCase("AES") ? KeyAlgorithm.AES_256 : KeyAlgorithm.HMAC_SHA256;
                String kcv = algorithm == KeyAlgorithm.AES_256 ? aesKcv(secret) : hmacKcv(secret);
                loaded = new Loaded(new KeyHandle(label, algorithm, kcv, null), secret, null);
            } else {
                PublicKey publicKey = store.getCertificate(label).getPublicKey();
                KeyAlgorithm algorithm = pairAlgorithm(publicKey);
                loaded = new Loaded(new KeyHandle(label, algorithm, KeyCheckValues.publicKey(publicKey.getEncoded()),
                        publicKey.getEncoded()), key, publicKey);
            }
            cache.put(label, loaded);
            return Optional.of(loaded);
        } catch (GeneralSecurityException e) {
            throw unavailable("Looking up key '" + label + "'", e);
        }
    }

    private String aesKcv(SecretKey key) throws GeneralSecurityException {
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding", provider);
        ecb.init(Cipher.ENCRYPT_MODE, key);
        return KeyCheckValues.aesFromBlockCipher(block -> {
            try {
                return ecb.doFinal(block);
            } catch (GeneralSecurityException e) {
                throw unavailable("AES check value", e);
            }
        });
    }

    private String hmacKcv(SecretKey key) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256", provider);
        mac.init(key);
        return KeyCheckValues.fromBytes(mac.doFinal(new byte[32]));
    }

    private static KeyAlgorithm pairAlgorithm(PublicKey key) {
        if (key instanceof ECKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize() > 256 ? KeyAlgorithm.EC_P384 : KeyAlgorithm.EC_P256;
        }
        return ((RSAKey) key).getModulus().bitLength() > 3072 ? KeyAlgorithm.RSA_4096 : KeyAlgorithm.RSA_3072;
    }




    private KeyPairGenerator keyPairGenerator(KeyAlgorithm algorithm) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.name().startsWith("EC") ? "EC" : "RSA", provider);
        switch (algorithm) {
            case EC_P256 -> generator.initialize(new ECGenParameterSpec("secp256r1"));
            case EC_P384 -> generator.initialize(new ECGenParameterSpec("secp384r1"));
            case RSA_3072 -> generator.initialize(3072);
            case RSA_4096 -> generator.initialize(4096);
            default -> throw new IllegalArgumentException(algorithm + " is not a key pair");
        }
        return generator;
    }

    private static Signature signature(KeyAlgorithm algorithm, Provider provider) throws GeneralSecurityException {
        return switch (algorithm) {
            case EC_P256 -> Signature.getInstance("SHA256withECDSAinP1363Format", provider);
            case EC_P384 -> Signature.getInstance("SHA384withECDSAinP1363Format", provider);
            case RSA_3072, RSA_4096 -> {
                Signature pss = Signature.getInstance("RSASSA-PSS", provider);
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield pss;
            }
            default -> throw new HsmException(WRONG_KEY_TYPE, algorithm + " cannot sign");
        };
    }

    /** The certificate SunPKCS11's key store needs to list a key pair: subject {@code label}, signed by {@code issuer}. */
    private static X509Certificate certificate(String label, PublicKey publicKey, PrivateKey issuer, String signatureAlgorithm,
                                               Provider provider) throws GeneralSecurityException {
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + label.replaceAll("[,+=\"<>#;\\\\]", "_") + ",O=Keyward");
        try {
            JcaContentSignerBuilder signer = new JcaContentSignerBuilder(signatureAlgorithm);
            if (provider != null) {
                signer.setProvider(provider);
            }
            var holder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()), Date.from(now),
                    Date.from(now.plus(Duration.ofDays(36500))), subject, publicKey).build(signer.build(issuer));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static PrivateKey ephemeralIssuer() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicKey publicKey(KeyAlgorithm algorithm, byte[] encoded) throws GeneralSecurityException {
        return KeyFactory.getInstance(algorithm.name().startsWith("EC") ? "EC" : "RSA")
                .generatePublic(new X509EncodedKeySpec(encoded));
    }


    private HsmException unavailable(String what, Exception e) {
        return new HsmException(UNAVAILABLE, what + " failed on " + name + ": " + e.getMessage(), e);
    }
}
