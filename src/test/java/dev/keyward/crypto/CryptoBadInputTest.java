package dev.keyward.crypto;

import static dev.keyward.access.Permission.USE_DECRYPT;
import static dev.keyward.access.Permission.USE_ENCRYPT;
import static dev.keyward.crypto.CryptoApi.b64;
import static dev.keyward.crypto.CryptoApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.crypto.CryptoFixture.Holder;
import dev.keyward.hsm.FailingBackend;
import dev.keyward.hsm.HsmBackend;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.IntegrationTest;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Every kind of bad input gets its status and a message a person understands, as a problem detail, never a 500;
 * and a refused call is not counted as a use.
 */
class CryptoBadInputTest extends IntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    CryptoFixture crypto;
    @Autowired
    HsmBackend hsm;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    dev.keyward.crypto.internal.UsageMeter meter;

    Holder holder;
    CryptoApi api;
    String ciphertext;

    @BeforeEach
    void aGrantOnAnAesKey() throws Exception {
        holder = crypto.holder("AES_256", KeyPurpose.ENCRYPT, Sensitivity.LOW, USE_ENCRYPT, USE_DECRYPT);
        api = new CryptoApi(mvc, holder.bearer());
        ciphertext = api.encrypt(holder.key(), "card data", "order-1");
    }

    @Test
    void malformedRequestsAre400WithTheReason() throws Exception {
        expect(api.call(holder.key(), "encrypt", json("plaintext", "not base64!")), 400, "The field 'plaintext' is not valid base64.");
        expect(api.call(holder.key(), "encrypt", json("context", b64("x"))), 400, "The field 'plaintext' is missing.");
        expect(api.call(holder.key(), "encrypt", "{\"plaintext\": "), 400, "The body is not valid JSON.");
        expect(api.call(holder.key(), "decrypt", json("ciphertext", "hello")), 400,
                "The ciphertext is not in Keyward's format 'kw:v<version>:<base64url>'.");
        expect(api.call(holder.key(), "decrypt", json("ciphertext", "kw:v1:***")), 400,
                "The ciphertext is not in Keyward's format 'kw:v<version>:<base64url>'.");
        expect(api.call(holder.key(), "decrypt", json("ciphertext", "kw:v7:" + ciphertext.substring(6), "context", b64("order-1"))),
                400, "'" + holder.key() + "' has no version 7; its versions are 1 to 1.");
        expect(api.call(holder.key(), "sign", json("message", b64("x"))), 400,
                "'" + holder.key() + "' is an encryption key; it cannot sign.");
        expect(api.call("no-such-key", "encrypt", json("plaintext", b64("x"))), 404, "No key with alias 'no-such-key'.");
    }

    @Test
    void payloadsAboveTheLimitAreRefused() throws Exception {
        String big = Base64.getEncoder().encodeToString(new byte[65_537]);
        expect(api.call(holder.key(), "encrypt", json("plaintext", big)), 400,
                "The plaintext is 65537 bytes; the limit is 65536 bytes.");
        expect(api.call(holder.key(), "encrypt", json("plaintext", b64("x"), "context", big)), 400,
                "The context is 65537 bytes; the limit is 65536 bytes.");
        String justUnder = Base64.getEncoder().encodeToString(new byte[65_536]);
        api.call(holder.key(), "encrypt", json("plaintext", justUnder)).andExpect(status().isOk());
    }

    @Test
    void truncatedRekeyedAndContextSwappedCiphertextsDoNotOpen() throws Exception {
        byte[] sealed = Base64.getUrlDecoder().decode(ciphertext.substring("kw:v1:".length()));
        String cutShort = "kw:v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(sealed, 20));
        expect(api.call(holder.key(), "decrypt", json("ciphertext", cutShort, "context", b64("order-1"))), 400,
                "The ciphertext is too short to be one of Keyward's; it may have been cut off.");
        String tagCut = "kw:v1:" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(java.util.Arrays.copyOf(sealed, sealed.length - 1));
        expect(api.call(holder.key(), "decrypt", json("ciphertext", tagCut, "context", b64("order-1"))), 422,
                "The ciphertext does not open under");
        expect(api.call(holder.key(), "decrypt", json("ciphertext", ciphertext, "context", b64("order-2"))), 422,
                "the context differs");
        expect(api.call(holder.key(), "decrypt", json("ciphertext", ciphertext)), 422, "the context differs");
        sealed[sealed.length / 2] ^= 1;
        String flipped = "kw:v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        expect(api.call(holder.key(), "decrypt", json("ciphertext", flipped, "context", b64("order-1"))), 422, "altered");

        // the same person holds a grant on a second key: a ciphertext of the first does not open under it
        String other = crypto.key(holder.cast(), "AES_256", KeyPurpose.ENCRYPT, Sensitivity.LOW);
        crypto.grant(holder.cast(), holder.cast().requester(), other, USE_ENCRYPT, USE_DECRYPT);
        expect(api.call(other, "decrypt", json("ciphertext", ciphertext, "context", b64("order-1"))), 422,
                "made under another key");
        assertThat(api.decrypt(holder.key(), ciphertext, "order-1")).isEqualTo("card data");
    }

    @Test
    void anUnreachableHsmIs503WithRetryAfterAndNothingIsCounted() throws Exception {
        meter.flush();
        long usesBefore = uses();
        FailingBackend backend = (FailingBackend) hsm;
        backend.down.set(true);
        try {
            expect(api.call(holder.key(), "encrypt", json("plaintext", b64("x"))), 503,
                    "cannot be reached; nothing was done. Retry later.")
                    .andExpect(header().string("Retry-After", "30"));
        } finally {
            backend.down.set(false);
        }
        api.call(holder.key(), "decrypt", json("ciphertext", "hello")).andExpect(status().isBadRequest());
        meter.flush();
        assertThat(uses()).as("refused and failed calls are not uses").isEqualTo(usesBefore);
    }

    private long uses() {
        Long uses = jdbc.queryForObject("select coalesce(sum(uses), 0) from crypto_usage where grant_id = ?", Long.class,
                holder.grantId());
        return uses == null ? 0 : uses;
    }

    private static ResultActions expect(ResultActions result, int status, String detail) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString(detail)));
    }
}
