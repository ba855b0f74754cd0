package dev.keyward.support;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import dev.keyward.approvals.PreparedDecision;
import dev.keyward.identity.PasskeyAssertion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

/**
 * A passkey in software for service-level tests and benchmarks: registers an ES256 credential for a person in
 * Spring Security's tables (as a registration ceremony would) and makes WebAuthn assertions the way an
 * authenticator and browser do (client data JSON, authenticator data with UP and UV, ECDSA over both).
 */
public class SoftwareAuthenticator {

    private final KeyPair keys;
    private final byte[] credentialId = new byte[16];
    private final String rpId;
    private final String origin;
    private final java.util.concurrent.atomic.AtomicInteger counter = new java.util.concurrent.atomic.AtomicInteger();

    private SoftwareAuthenticator(String rpId, String origin) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        this.keys = generator.generateKeyPair();
        ThreadLocalRandom.current().nextBytes(credentialId);
        this.rpId = rpId;
        this.origin = origin;
    }

    /** A new passkey registered for {@code username}. */
    public static SoftwareAuthenticator register(String username, String rpId, String origin,
                                                 PublicKeyCredentialUserEntityRepository userEntities,
                                                 UserCredentialRepository credentials) {
        try {
            SoftwareAuthenticator authenticator = new SoftwareAuthenticator(rpId, origin);
            PublicKeyCredentialUserEntity user = userEntities.findByUsername(username);
            if (user == null) {
                user = ImmutablePublicKeyCredentialUserEntity.builder().name(username).id(Bytes.random())
                        .displayName(username).build();
                userEntities.save(user);
            }
            byte[] cose = new ObjectConverter().getCborConverter().writeValueAsBytes(
                    EC2COSEKey.create((ECPublicKey) authenticator.keys.getPublic(), COSEAlgorithmIdentifier.ES256));
            credentials.save(ImmutableCredentialRecord.builder()
                    .credentialType(PublicKeyCredentialType.PUBLIC_KEY)
                    .credentialId(new Bytes(authenticator.credentialId))
                    .userEntityUserId(user.getId())
                    .publicKey(new ImmutablePublicKeyCose(cose))
                    .signatureCount(0).uvInitialized(true).backupEligible(false).backupState(false)
                    .attestationObject(new Bytes(new byte[0])).attestationClientDataJSON(new Bytes(new byte[0]))
                    .created(Instant.now()).lastUsed(Instant.now()).label("software authenticator")
                    .build());
            return authenticator;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The credential id as Keyward names passkeys (base64url). */
    public String credentialId() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(credentialId);
    }

    /** Signs a prepared decision: an assertion whose challenge is the document's hash. */
    public PasskeyAssertion sign(PreparedDecision decision) {
        return assertion(decision.challenge());
    }

    public PasskeyAssertion assertion(byte[] challenge) {
        try {
            byte[] clientData = ("{\"type\":\"webauthn.get\",\"challenge\":\""
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(challenge) + "\",\"origin\":\"" + origin
                    + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
            byte[] authenticatorData = ByteBuffer.allocate(37)
                    .put(MessageDigest.getInstance("SHA-256").digest(rpId.getBytes(StandardCharsets.UTF_8)))
                    .put((byte) 0x05) // user present + user verified
                    .putInt(counter.incrementAndGet()).array();
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(keys.getPrivate());
            ecdsa.update(authenticatorData);
            ecdsa.update(MessageDigest.getInstance("SHA-256").digest(clientData));
            return new PasskeyAssertion(credentialId.clone(), authenticatorData, clientData, ecdsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
