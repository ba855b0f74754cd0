package dev.keyward.hsm.internal;

import dev.keyward.audit.CheckpointSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ES256 checkpoint signing with a P-256 key kept in a PKCS#12 file, created on first start. It stands in until the
 * audit key moves into the HSM (keys issue). A wrong password stops Keyward with a clear message; the password is
 * never logged.
 */
public class Pkcs12CheckpointSigner implements CheckpointSigner {

    private static final Logger log = LoggerFactory.getLogger(Pkcs12CheckpointSigner.class);
    static final String ALIAS = "keyward-audit";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    public Pkcs12CheckpointSigner(Path file, char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalStateException("Set keyward.audit.signing-key.password (environment variable "
                    + "KEYWARD_AUDIT_SIGNING_KEY_PASSWORD) to protect the audit signing key " + file);
        }
        try {
            KeyStore store = Files.exists(file) ? load(file, password) : create(file, password);
            this.privateKey = (PrivateKey) store.getKey(ALIAS, password);
            if (privateKey == null) {
                throw new IllegalStateException("The keystore " + file + " holds no entry '" + ALIAS + "'");
            }
            this.publicKey = store.getCertificate(ALIAS).getPublicKey();
            this.keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()))
                    .substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The audit signing key in " + file + " cannot be used: " + e.getMessage(), e);
        }
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
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing an audit checkpoint failed", e);
        }
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    private static KeyStore load(Path file, char[] password) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open the audit signing key " + file
                    + ": wrong password (keyward.audit.signing-key.password) or a damaged file. Nothing was changed.", e);
        }
    }

    private static KeyStore create(Path file, char[] password) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, password);
            store.setKeyEntry(ALIAS, pair.getPrivate(), password, new X509Certificate[] {selfSigned(pair)});
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                store.store(out, password);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the audit signing key " + file, e);
        }
        log.warn("Created a new audit signing key in {}. Back it up: without it old checkpoints cannot be re-signed, "
                + "and whoever holds it can sign forged checkpoints.", file);
        return store;
    }

    private static X509Certificate selfSigned(KeyPair pair) throws GeneralSecurityException {
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=Keyward audit checkpoints");
        try {
            var holder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now),
                    Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
