package dev.keyward.crypto;

import static dev.keyward.access.Permission.USE_DECRYPT;
import static dev.keyward.access.Permission.USE_ENCRYPT;
import static dev.keyward.crypto.CryptoApi.b64;
import static dev.keyward.crypto.CryptoApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.access.AccessFixture;
import dev.keyward.access.GrantService;
import dev.keyward.audit.AuditTestSupport;
import dev.keyward.crypto.CryptoFixture.Holder;
import dev.keyward.crypto.internal.UsageMeter;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.KeyService;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every call is checked: a grant active now with the operation's permissions, a key state that allows it, an
 * ACTIVE principal. Revocation, expiry and leaving bite on the next call. Denials are audited at once; uses of
 * HIGH keys one by one, of LOW and MEDIUM keys as per-minute totals.
 */
class CryptoEnforcementTest extends IntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    CryptoFixture crypto;
    @Autowired
    AccessFixture access;
    @Autowired
    KeyService keys;
    @Autowired
    GrantService grants;
    @Autowired
    AuditTestSupport audit;
    @Autowired
    UsageMeter meter;

    @Test
    void withoutAGrantOrWithTheWrongPermissionsTheCallIsRefusedAndAudited() throws Exception {
        Holder holder = crypto.holder("AES_256", KeyPurpose.ENCRYPT, Sensitivity.MEDIUM, USE_ENCRYPT);
        CryptoApi api = new CryptoApi(mvc, holder.bearer());
        String ciphertext = api.encrypt(holder.key(), "data", null);

        api.call(holder.key(), "decrypt", json("ciphertext", ciphertext)).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("no grant active now that allows decrypt")));
        api.call(holder.key(), "rewrap", json("ciphertext", ciphertext)).andExpect(status().isForbidden());
        CryptoApi stranger = new CryptoApi(mvc, DemoTokens.bearer(DemoTokens.EMPLOYEE));
        stranger.call(holder.key(), "encrypt", json("plaintext", b64("x"))).andExpect(status().isForbidden());
        CryptoApi officer = new CryptoApi(mvc, DemoTokens.bearer(DemoTokens.SECURITY_OFFICER));
        officer.call(holder.key(), "encrypt", json("plaintext", b64("x"))).andExpect(status().isForbidden());

        audit.sealAll();
        List<Map<String, Object>> denials = audit.entries("crypto.key.use-denied").stream()
                .filter(e -> holder.key().equals(e.get("target_id"))).toList();
        assertThat(denials).extracting(e -> e.get("actor_id"))
                .containsExactly(holder.cast().requester(), holder.cast().requester(), "alice", "dave");
        assertThat(denials).allMatch(e -> "DENIED".equals(e.get("outcome"))
                && e.get("details").toString().contains("NO_GRANT"));
    }

    @Test
    void theKeyStateDecidesWhichOperationsAreAllowed() throws Exception {
        Holder holder = crypto.holder("AES_256", KeyPurpose.ENCRYPT, Sensitivity.LOW, USE_ENCRYPT, USE_DECRYPT);
        CryptoApi api = new CryptoApi(mvc, holder.bearer());
        String ciphertext = api.encrypt(holder.key(), "data", null);

        for (KeyState state : List.of(KeyState.SUSPENDED, KeyState.ACTIVE, KeyState.DEACTIVATED)) {
            move(holder, state);
            if (state == KeyState.ACTIVE) {
                api.call(holder.key(), "encrypt", json("plaintext", b64("x"))).andExpect(status().isOk());
                continue;
            }
            api.call(holder.key(), "encrypt", json("plaintext", b64("x"))).andExpect(status().isConflict())
                    .andExpect(jsonPath("$.detail").value("'" + holder.key() + "' is " + state
                            + ": it only decrypts and verifies; encrypt is refused."));
            api.call(holder.key(), "rewrap", json("ciphertext", ciphertext)).andExpect(status().isConflict());
            assertThat(api.decrypt(holder.key(), ciphertext, null)).as("decrypt while " + state).isEqualTo("data");
        }
        move(holder, KeyState.COMPROMISED);
        api.call(holder.key(), "decrypt", json("ciphertext", ciphertext)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("'" + holder.key() + "' is COMPROMISED: every use is refused."));
        crypto.scheduleDestruction(holder.cast(), holder.key());
        api.call(holder.key(), "decrypt", json("ciphertext", ciphertext)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("is scheduled for destruction")));

        audit.sealAll();
        assertThat(audit.entries("crypto.key.use-denied").stream().filter(e -> holder.key().equals(e.get("target_id"))))
                .hasSize(6).allMatch(e -> e.get("details").toString().contains("STATE_FORBIDS"));
    }

    @Test
    void revocationExpiryAndLeavingBiteOnTheNextCall() throws Exception {
        Holder holder = crypto.holder("AES_256", KeyPurpose.ENCRYPT, Sensitivity.LOW, USE_ENCRYPT, USE_DECRYPT);
        CryptoApi api = new CryptoApi(mvc, holder.bearer());
        api.call(holder.key(), "encrypt", json("plaintext", b64("x"))).andExpect(status().isOk());
        access.as(holder.cast().owner());
        grants.revoke(holder.grantId(), "the batch moved to another team");
        SecurityContextHolder.clearContext();
        api.call(holder.key(), "encrypt", json("plaintext", b64("x"))).andExpect(status().isForbidden());

        String second = crypto.grant(holder.cast(), holder.cast().requester(), holder.key(), USE_ENCRYPT);
        api.call(holder.key(), "encrypt", json("plaintext", b64("x"))).andExpect(status().isOk());
        clock.advance(Duration.ofDays(5).plusSeconds(1));
        api.call(holder.key(), "encrypt", json("plaintext", b64("x"))).andExpect(status().isForbidden());
        clock.reset();
        api.call(holder.key(), "encrypt", json("plaintext", b64("x"))).andExpect(status().isOk());
        assertThat(second).isNotEqualTo(holder.grantId());

        mvc.perform(put("/api/v1/people/{username}/status", holder.cast().requester())
                        .header("Authorization", DemoTokens.bearer(DemoTokens.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"LEFT\"}"))
                .andExpect(status().isOk());
        api.call(holder.key(), "encrypt", json("plaintext", b64("x"))).andExpect(status().isUnauthorized());
    }

    @Test
    void usesOfHighKeysAreAuditedOneByOneAndOfLowerKeysPerMinute() throws Exception {
        Holder high = crypto.holder("AES_256", KeyPurpose.ENCRYPT, Sensitivity.HIGH, USE_ENCRYPT);
        CryptoApi highApi = new CryptoApi(mvc, high.bearer());
        for (int i = 0; i < 3; i++) {
            highApi.encrypt(high.key(), "x", null);
        }
        Holder medium = crypto.holder("AES_256", KeyPurpose.ENCRYPT, Sensitivity.MEDIUM, USE_ENCRYPT);
        CryptoApi mediumApi = new CryptoApi(mvc, medium.bearer());
        for (int i = 0; i < 4; i++) {
            mediumApi.encrypt(medium.key(), "x", null);
        }
        clock.advance(Duration.ofMinutes(1));
        meter.flush();
        audit.sealAll();

        assertThat(audit.entries("crypto.key.used").stream().filter(e -> high.key().equals(e.get("target_id"))))
                .hasSize(3).allMatch(e -> high.cast().requester().equals(e.get("actor_id"))
                        && e.get("details").toString().contains(high.grantId()));
        assertThat(audit.entries("crypto.key.used").stream().filter(e -> medium.key().equals(e.get("target_id")))).isEmpty();
        // one entry per minute (the calls may straddle a minute boundary), by the caller, adding up to every use
        var summaries = audit.entries("crypto.key.used-per-minute").stream()
                .filter(e -> medium.key().equals(e.get("target_id"))).toList();
        assertThat(summaries).isNotEmpty().allMatch(e -> medium.cast().requester().equals(e.get("actor_id")));
        assertThat(summaries.stream().mapToLong(e -> Long.parseLong(e.get("details").toString()
                .replaceAll(".*\"uses\":(\\d+).*", "$1"))).sum()).isEqualTo(4);
        assertThat(audit.entries("crypto.key.used-per-minute").stream().filter(e -> high.key().equals(e.get("target_id")))).isEmpty();
    }

    /** Directly where one person may move the key, through an approved request where it takes two. */
    private void move(Holder holder, KeyState state) {
        access.as(holder.cast().officer1());
        if (keys.get(holder.key()).state().approvedMoves().contains(state)) {
            crypto.changeState(holder.cast(), holder.key(), state);
        } else {
            keys.transition(holder.key(), state, "enforcement test");
        }
        SecurityContextHolder.clearContext();
    }
}
