package dev.keyward.crypto;

import static dev.keyward.access.Permission.USE_DECRYPT;
import static dev.keyward.access.Permission.USE_ENCRYPT;
import static dev.keyward.access.Permission.USE_SIGN;
import static dev.keyward.access.Permission.USE_VERIFY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.access.AccessFixture;
import dev.keyward.crypto.CryptoFixture.Holder;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.KeyService;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every operation and algorithm family round trips through the REST API with a grant that went through the
 * whole access workflow; what an older version made still opens and verifies after a rotation, and rewrap moves
 * ciphertexts to the current version.
 */
class CryptoRoundTripTest extends IntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    CryptoFixture crypto;
    @Autowired
    AccessFixture access;
    @Autowired
    KeyService keys;

    @Test
    void encryptionRoundTripsBindsItsContextAndSurvivesRotation() throws Exception {
        Holder holder = crypto.holder("AES_256", KeyPurpose.ENCRYPT, Sensitivity.MEDIUM, USE_ENCRYPT, USE_DECRYPT);
        CryptoApi api = new CryptoApi(mvc, holder.bearer());

        String v1 = api.encrypt(holder.key(), "4111 1111 1111 1111", "order-421");
        assertThat(v1).startsWith("kw:v1:");
        assertThat(api.encrypt(holder.key(), "4111 1111 1111 1111", "order-421")).as("fresh IV per call").isNotEqualTo(v1);
        assertThat(api.decrypt(holder.key(), v1, "order-421")).isEqualTo("4111 1111 1111 1111");
        String noContext = api.encrypt(holder.key(), "no context", null);
        assertThat(api.decrypt(holder.key(), noContext, null)).isEqualTo("no context");

        rotate(holder);
        String v2 = api.encrypt(holder.key(), "after rotation", "order-422");
        assertThat(v2).startsWith("kw:v2:");
        assertThat(api.decrypt(holder.key(), v1, "order-421")).as("version 1 still decrypts").isEqualTo("4111 1111 1111 1111");

        String rewrapped = api.rewrap(holder.key(), v1, "order-421");
        assertThat(rewrapped).startsWith("kw:v2:");
        api.call(holder.key(), "rewrap", CryptoApi.json("ciphertext", v1, "context", CryptoApi.b64("order-421")))
                .andExpect(jsonPath("$.plaintext").doesNotExist());
        assertThat(api.decrypt(holder.key(), rewrapped, "order-421")).isEqualTo("4111 1111 1111 1111");
    }

    @Test
    void signaturesRoundTripForEveryCurveAndRsaAndStillVerifyAfterRotation() throws Exception {
        AccessFixture.Cast cast = access.cast();
        String bearer = null;
        for (String algorithm : List.of("EC_P256", "EC_P384", "RSA_3072")) {
            String key = crypto.key(cast, algorithm, KeyPurpose.SIGN, Sensitivity.LOW);
            crypto.grant(cast, cast.requester(), key, USE_SIGN, USE_VERIFY);
            if (bearer == null) {
                bearer = crypto.holderToken(cast.requester());
            }
            CryptoApi api = new CryptoApi(mvc, bearer);

            String signature = api.sign(key, "invoice 421: EUR 1,200.00");
            assertThat(signature).as(algorithm).startsWith("kw:v1:");
            assertThat(api.verify(key, "invoice 421: EUR 1,200.00", signature)).as(algorithm).isTrue();
            assertThat(api.verify(key, "invoice 421: EUR 9,200.00", signature)).as(algorithm + " altered message").isFalse();

            access.as(cast.owner());
            keys.rotate(key, "test rotation");
            SecurityContextHolder.clearContext();
            assertThat(api.sign(key, "after rotation")).startsWith("kw:v2:");
            assertThat(api.verify(key, "invoice 421: EUR 1,200.00", signature)).as(algorithm + " v1 after rotation").isTrue();
        }
    }

    @Test
    void macsRoundTrip() throws Exception {
        Holder holder = crypto.holder("HMAC_SHA256", KeyPurpose.MAC, Sensitivity.LOW, USE_SIGN, USE_VERIFY);
        CryptoApi api = new CryptoApi(mvc, holder.bearer());

        String mac = api.mac(holder.key(), "webhook body");
        assertThat(mac).startsWith("kw:v1:");
        assertThat(api.mac(holder.key(), "webhook body")).as("deterministic").isEqualTo(mac);
        assertThat(api.verifyMac(holder.key(), "webhook body", mac)).isTrue();
        assertThat(api.verifyMac(holder.key(), "webhook b0dy", mac)).isFalse();
        api.call(holder.key(), "mac-verify", CryptoApi.json("message", CryptoApi.b64("x"), "mac", mac.replace("kw:v1:", "kw:v2:")))
                .andExpect(status().isBadRequest());
    }

    private void rotate(Holder holder) {
        access.as(holder.cast().owner());
        keys.rotate(holder.key(), "yearly rotation");
        SecurityContextHolder.clearContext();
    }
}
