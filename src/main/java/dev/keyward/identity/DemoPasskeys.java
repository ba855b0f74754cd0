package dev.keyward.identity;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import dev.keyward.identity.IdentityEvents.PasskeyRemoved;
import dev.keyward.identity.internal.IdentityProperties;
import dev.keyward.identity.internal.RetiredPasskeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Profile;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Component;

/**
 * Demo data only ({@code demo} profile, which production refuses): a passkey that exists just long enough for a
 * demo person to sign a seeded decision. It is registered, signs, and is then retired at once — its private key
 * was never stored, its public key stays among the retired passkeys, so the decision verifies "with a passkey since
 * removed" and the person still enrols a real passkey at first sign-in.
 */
@Component
@Profile("demo")
public class DemoPasskeys {

    /** A passkey in memory: it signs challenges until {@link #retire} removes it. */
    public final class Seed {

        private final String username;
        private final KeyPair keys;
        private final byte[] credentialId;
        private final byte[] publicKeyCose;

        private Seed(String username, KeyPair keys, byte[] credentialId, byte[] publicKeyCose) {
            this.username = username;
            this.keys = keys;
            this.credentialId = credentialId;
            this.publicKeyCose = publicKeyCose;
        }

        /** A WebAuthn assertion over {@code challenge}, user present and verified, for Keyward's rp id and origin. */
        public PasskeyAssertion sign(byte[] challenge) {
            try {
                byte[] clientData = ("{\"type\":\"webauthn.get\",\"challenge\":\""
                        + Base64.getUrlEncoder().withoutPadding().encodeToString(challenge) + "\",\"origin\":\""
                        + properties.webauthn().origins().get(0) + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
                byte[] authenticatorData = ByteBuffer.allocate(37)
                        .put(sha256(properties.webauthn().rpId().getBytes(StandardCharsets.UTF_8)))
                        .put((byte) 0x05).putInt(1).array();
                Signature ecdsa = Signature.getInstance("SHA256withECDSA");
                ecdsa.initSign(keys.getPrivate());
                ecdsa.update(authenticatorData);
                ecdsa.update(sha256(clientData));
                return new PasskeyAssertion(credentialId.clone(), authenticatorData, clientData, ecdsa.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final PublicKeyCredentialUserEntityRepository userEntities;
    private final UserCredentialRepository credentials;
    private final RetiredPasskeys retired;
    private final IdentityProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DemoPasskeys(PublicKeyCredentialUserEntityRepository userEntities, UserCredentialRepository credentials,
                 RetiredPasskeys retired, IdentityProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.userEntities = userEntities;
        this.credentials = credentials;
        this.retired = retired;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    public Seed enrol(String username) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            Bytes credentialId = Bytes.random();
            PublicKeyCredentialUserEntity user = userEntities.findByUsername(username);
            if (user == null) {
                user = ImmutablePublicKeyCredentialUserEntity.builder().name(username).id(Bytes.random())
                        .displayName(username).build();
                userEntities.save(user);
            }
            byte[] cose = new ObjectConverter().getCborConverter().writeValueAsBytes(
                    EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
            credentials.save(ImmutableCredentialRecord.builder().credentialType(PublicKeyCredentialType.PUBLIC_KEY)
                    .credentialId(credentialId).userEntityUserId(user.getId()).publicKey(new ImmutablePublicKeyCose(cose))
                    .signatureCount(0).uvInitialized(true).backupEligible(false).backupState(false)
                    .attestationObject(new Bytes(new byte[0])).attestationClientDataJSON(new Bytes(new byte[0]))
                    .created(clock.instant()).lastUsed(clock.instant()).label("demo seed (retired)").build());
            return new Seed(username, keys, credentialId.getBytes(), cose);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes the passkey, keeping its public key (audited like any removal) so what it signed stays verifiable. */
    public void retire(Seed seed) {
        retired.keep(seed.username, seed.credentialId, seed.publicKeyCose, clock.instant());
        credentials.delete(new Bytes(seed.credentialId));
        events.publishEvent(new PasskeyRemoved(seed.username, new Bytes(seed.credentialId).toBase64UrlString(),
                "demo seed (retired)", HexFormat.of().formatHex(sha256(seed.publicKeyCose))));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
