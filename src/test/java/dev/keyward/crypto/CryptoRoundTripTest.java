package dev.keyward.crypto;

import static dev.keyward.access.Permission.USE_DECRYPT;
import static dev.keyward.access.Permission.USE_ENCRYPT;
import static dev.keyward.access.Permission.USE_SIGN;
import static dev.keyward.access.Permission.USE_VERIFY;
import static dev.keyward.crypto.CryptoApi.b64;
import static dev.keyward.crypto.CryptoApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.keyward.access.AccessFixture;
import dev.keyward.crypto.CryptoFixture.Holder;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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

            crypto.rotate(cast, key);
            assertThat(api.sign(key, "after rotation")).startsWith("kw:v2:");
            assertThat(api.verify(key, "invoice 421: EUR 1,200.00", signature)).as(algorithm + " v1 after rotation").isTrue();
        }
    }

    @Test
    void p256AndRsaKeysSignDigestsTheCallerComputed() throws Exception {
        AccessFixture.Cast cast = access.cast();
        String p256 = crypto.key(cast, "EC_P256", KeyPurpose.SIGN, Sensitivity.LOW);
        crypto.grant(cast, cast.requester(), p256, USE_SIGN, USE_VERIFY);
        String rsa = crypto.key(cast, "RSA_3072", KeyPurpose.SIGN, Sensitivity.LOW);
        crypto.grant(cast, cast.requester(), rsa, USE_SIGN, USE_VERIFY);
        String p384 = crypto.key(cast, "EC_P384", KeyPurpose.SIGN, Sensitivity.LOW);
        crypto.grant(cast, cast.requester(), p384, USE_SIGN, USE_VERIFY);
        CryptoApi api = new CryptoApi(mvc, crypto.holderToken(cast.requester()));
        String message = "settlement file 2026-11-29";
        String digest = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(message.getBytes(StandardCharsets.UTF_8)));

        String overDigest = JsonPath.read(api.call(p256, "sign", json("digest", digest)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(), "$.signature");
        assertThat(overDigest).startsWith("kw:v1:");
        assertThat(api.verify(p256, message, overDigest)).as("verifies against the message").isTrue();
        api.call(p256, "verify", json("digest", digest, "signature", api.sign(p256, message)))
                .andExpect(jsonPath("$.valid").value(true));
        api.call(p256, "verify", json("digest", Base64.getEncoder().encodeToString(new byte[32]), "signature", overDigest))
                .andExpect(jsonPath("$.valid").value(false));

        String rsaOverDigest = JsonPath.read(api.call(rsa, "sign", json("digest", digest)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(), "$.signature");
        assertThat(api.verify(rsa, message, rsaOverDigest)).as("RSA-PSS over the digest verifies against the message").isTrue();

        api.call(p384, "sign", json("digest", digest)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("only EC P-256 and RSA keys sign a SHA-256 digest")));
        api.call(p256, "sign", json("digest", Base64.getEncoder().encodeToString(new byte[31])))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The digest is 31 bytes; a SHA-256 digest is 32 bytes."));
        api.call(p256, "sign", json("message", b64(message), "digest", digest)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Send either the message or its SHA-256 digest, not both or neither."));
        api.call(p256, "sign", "{}").andExpect(status().isBadRequest());
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
        crypto.rotate(holder.cast(), holder.key());
    }
}
