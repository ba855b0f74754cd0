package dev.keyward.identity;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.VerificationException;
import dev.keyward.identity.internal.IdentityProperties;
import dev.keyward.identity.internal.RetiredPasskeys;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Passkey signatures over something other than a sign-in: the browser asks the person's authenticator for an
 * assertion whose challenge is a hash the caller chose (e.g. of an approval decision), and this service checks
 * it against the person's registered public key, now or years later. User verification is required.
 */
@Service
@Transactional(readOnly = true)
@PreAuthorize("isAuthenticated()")
public class PasskeySignatures {

    /** What the browser needs to ask for a signature: the relying party and the person's credential ids. */
    public record SignatureRequest(String rpId, byte[] challenge, List<byte[]> credentialIds) {
    }

    /** Whether an assertion holds, and if not, why. */
    public record Verification(boolean valid, String reason) {
    }

    /**
     * The relying party a signature was made for: its id and the origins then allowed. Kept with every stored
     * signature, so that moving Keyward to another address leaves past decisions verifiable.
     */
    public record RelyingParty(String rpId, List<String> origins) {

        public RelyingParty {
            origins = List.copyOf(origins);
        }

        /** The origins as one text to store (space-separated: an origin has no spaces). */
        public String originsText() {
            return String.join(" ", origins);
        }

        public static RelyingParty of(String rpId, String originsText) {
            return new RelyingParty(rpId, List.of(originsText.strip().split("\\s+")));
        }
    }

    private final PublicKeyCredentialUserEntityRepository userEntities;
    private final UserCredentialRepository credentials;
    private final IdentityProperties properties;
    private final RetiredPasskeys retired;
    private final ObjectConverter converter = new ObjectConverter();
    private final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager(converter);
    /** Fingerprints of verifications that succeeded (bounded, least recently used out). */
    private final Map<String, Boolean> verified = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    });

    PasskeySignatures(PublicKeyCredentialUserEntityRepository userEntities, UserCredentialRepository credentials,
                      IdentityProperties properties, RetiredPasskeys retired) {
        this.userEntities = userEntities;
        this.credentials = credentials;
        this.properties = properties;
        this.retired = retired;
    }

    public SignatureRequest request(String username, byte[] challenge) {
        return new SignatureRequest(properties.webauthn().rpId(), challenge.clone(),
                records(username).stream().map(r -> r.getCredentialId().getBytes()).toList());
    }

    /** The relying party signatures are made for now; store it with a signature to verify it later. */
    @PreAuthorize("permitAll()")
    public RelyingParty relyingParty() {
        return new RelyingParty(properties.webauthn().rpId(), properties.webauthn().origins());
    }

    /** {@link #verify(String, byte[], PasskeyAssertion, RelyingParty)} for a signature made just now. */
    @PreAuthorize("permitAll()")
    public Verification verify(String username, byte[] challenge, PasskeyAssertion assertion) {
        return verify(username, challenge, assertion, relyingParty());
    }

    /**
     * Checks that {@code assertion} was made by one of {@code username}'s passkeys (registered now, or removed since)
     * over {@code challenge}, for {@code signedFor} (the relying party in force when it was signed) and one of its
     * origins, with user presence and verification. The signature counter is not compared, so stored assertions can
     * be re-verified at any time. Workflows verify too (without a signed-in person), and a verification result
     * reveals nothing.
     */
    @PreAuthorize("permitAll()")
    public Verification verify(String username, byte[] challenge, PasskeyAssertion assertion, RelyingParty signedFor) {
        byte[] registered = records(username).stream()
                .filter(r -> Arrays.equals(r.getCredentialId().getBytes(), assertion.credentialId()))
                .map(r -> r.getPublicKey().getBytes()).findFirst().orElse(null);
        if (registered == null) {
            return retired.publicKey(username, assertion.credentialId())
                    .map(key -> verify(key, challenge, assertion, signedFor, " (with a passkey since removed)"))
                    .orElseGet(() -> new Verification(false, "the passkey is not one of " + username + "'s"));
        }
        return verify(registered, challenge, assertion, signedFor, "");
    }

    private Verification verify(byte[] publicKeyCose, byte[] challenge, PasskeyAssertion assertion, RelyingParty rp,
                                String note) {
        String inputs = fingerprint(publicKeyCose, challenge, assertion, rp);
        if (verified.containsKey(inputs)) {
            return new Verification(true, "signature verified" + note);
        }
        try {
            COSEKey publicKey = converter.getCborConverter().readValue(publicKeyCose, COSEKey.class);
            var credential = new CredentialRecordImpl(new NoneAttestationStatement(), null, null, null, 0,
                    new AttestedCredentialData(AAGUID.NULL, assertion.credentialId(), publicKey), null, null, null, null);
            Set<Origin> origins = rp.origins().stream().map(Origin::new).collect(Collectors.toSet());
            var server = new ServerProperty(origins, rp.rpId(), new DefaultChallenge(challenge));
            webAuthn.verify(new AuthenticationRequest(assertion.credentialId(), null, assertion.authenticatorData(),
                    assertion.clientDataJson(), null, assertion.signature()),
                    new AuthenticationParameters(server, credential, List.of(assertion.credentialId()), true, true));
            verified.put(inputs, Boolean.TRUE);
            return new Verification(true, "signature verified" + note);
        } catch (VerificationException | DataConversionException | IllegalArgumentException e) {
            return new Verification(false, e.getMessage());
        }
    }

    /**
     * SHA-256 over every input of a verification (length-prefixed): the same inputs always give the same verdict,
     * so a decision verified when it was taken need not pay for ECDSA again when it is re-checked before a grant.
     * Any change to the stored document, assertion or registered key changes the fingerprint and is verified anew.
     */
    private static String fingerprint(byte[] publicKey, byte[] challenge, PasskeyAssertion assertion, RelyingParty rp) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : List.of(publicKey, challenge, assertion.credentialId(), assertion.authenticatorData(),
                    assertion.clientDataJson(), assertion.signature(),
                    (rp.rpId() + "\n" + rp.originsText()).getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                digest.update(ByteBuffer.allocate(4).putInt(part.length).array());
                digest.update(part);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<CredentialRecord> records(String username) {
        PublicKeyCredentialUserEntity entity = userEntities.findByUsername(username);
        return entity == null ? List.of() : credentials.findByUserId(entity.getId());
    }
}
