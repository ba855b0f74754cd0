package dev.keyward.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.identity.PasskeySignatures.RelyingParty;
import dev.keyward.identity.internal.IdentityProperties;
import dev.keyward.support.SoftwareAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.webauthn.management.MapPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.MapUserCredentialRepository;

/**
 * A decision signed while Keyward answered at one address still verifies after it moved to another: stored signatures
 * are checked against the relying party kept with them, not the configuration in force.
 */
class MovedAddressSignaturesTest {

    private static final String OLD_ORIGIN = "https://keyward.old.example";

    @Test
    void aSignatureVerifiesAgainstTheRelyingPartyItWasMadeForNotTodaysAddress() throws Exception {
        var userEntities = new MapPublicKeyCredentialUserEntityRepository();
        var credentials = new MapUserCredentialRepository();
        SoftwareAuthenticator bob = SoftwareAuthenticator.register("bob", "keyward.old.example", OLD_ORIGIN,
                userEntities, credentials);
        byte[] challenge = MessageDigest.getInstance("SHA-256").digest("{\"decision\":\"APPROVE\"}".getBytes(StandardCharsets.UTF_8));
        PasskeyAssertion signed = bob.assertion(challenge);
        RelyingParty then = new RelyingParty("keyward.old.example", List.of(OLD_ORIGIN));

        PasskeySignatures before = signatures(userEntities, credentials, "keyward.old.example", OLD_ORIGIN);
        assertThat(before.relyingParty()).isEqualTo(then);
        assertThat(before.verify("bob", challenge, signed).valid()).as("signed now, checked now").isTrue();

        PasskeySignatures moved = signatures(userEntities, credentials, "keyward.new.example", "https://keyward.new.example");
        assertThat(moved.verify("bob", challenge, signed).valid())
                .as("today's address alone would reject it: this is what recording the relying party prevents").isFalse();
        assertThat(moved.verify("bob", challenge, signed, then).valid()).as("checked against what it was signed for").isTrue();
        assertThat(moved.verify("bob", challenge, signed, new RelyingParty("keyward.old.example", List.of("https://evil.example"))).valid())
                .as("an origin it was not made for").isFalse();
        assertThat(RelyingParty.of(then.rpId(), then.originsText())).isEqualTo(then);
    }

    private static PasskeySignatures signatures(MapPublicKeyCredentialUserEntityRepository userEntities,
                                                MapUserCredentialRepository credentials, String rpId, String origin) {
        var properties = new IdentityProperties(new IdentityProperties.WebAuthn(rpId, "Keyward", List.of(origin)),
                null, null, null, null);
        return new PasskeySignatures(userEntities, credentials, properties, null);
    }
}
