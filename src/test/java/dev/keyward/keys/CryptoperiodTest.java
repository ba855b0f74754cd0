package dev.keyward.keys;

import static dev.keyward.crypto.CryptoApi.b64;
import static dev.keyward.crypto.CryptoApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.access.Permission;
import dev.keyward.audit.AuditTestSupport;
import dev.keyward.crypto.CryptoApi;
import dev.keyward.crypto.CryptoFixture;
import dev.keyward.crypto.CryptoFixture.Holder;
import dev.keyward.keys.internal.RotationScheduler;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The end of a version's cryptoperiod (NIST SP 800-57): it stops protecting new data by itself, still opens and
 * checks what it made until its recipient-usage period ends, and the owner and grant holders hear ahead.
 */
class CryptoperiodTest extends IntegrationTest {

    @Autowired
    CryptoFixture crypto;
    @Autowired
    KeyService keys;
    @Autowired
    RotationScheduler scheduler;
    @Autowired
    TestPeople people;
    @Autowired
    AuditTestSupport audit;
    @Autowired
    MockMvc mvc;

    @Test
    void aVersionPastItsCryptoperiodProtectsNoNewDataButOpensWhatItMadeUntilItsRecipientPeriodEnds() throws Exception {
        Holder holder = crypto.holder("AES_256", KeyPurpose.ENCRYPT, Sensitivity.MEDIUM, Permission.USE_ENCRYPT,
                Permission.USE_DECRYPT);
        String alias = holder.key();
        String sealed = new CryptoApi(mvc, holder.bearer()).encrypt(alias, "invoice 7", "ctx");
        people.signIn(holder.cast().owner());
        ManagedKey.Version v1 = keys.get(alias).versions().get(0);

        clock.set(v1.originatorUsageEnd().plusSeconds(60));
        CryptoApi later = renewed(holder);
        later.call(alias, "encrypt", json("plaintext", b64("invoice 8"), "context", b64("ctx")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(startsWith("'" + alias + "' version 1 reached the end of its "
                        + "cryptoperiod on ")));
        later.call(alias, "rewrap", json("ciphertext", sealed, "context", b64("ctx"))).andExpect(status().isConflict());
        assertThat(later.decrypt(alias, sealed, "ctx")).as("what it made still opens").isEqualTo("invoice 7");

        clock.set(v1.recipientUsageEnd().plusSeconds(60));
        renewed(holder).call(alias, "decrypt", json("ciphertext", sealed, "context", b64("ctx")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(startsWith("'" + alias + "' version 1 ended its recipient-usage "
                        + "period on ")));
    }

    @Test
    void theOwnerAndGrantHoldersHearOnceWhenACurrentVersionReachesTheEndOfItsCryptoperiod() {
        // Demo data: analytics-dek (alice's, LOW, 800 days old) is past its two-year originator period.
        scheduler.sweep();
        scheduler.sweep();
        audit.sealAll();
        assertThat(audit.entries("keys.cryptoperiod.ending").stream().filter(e -> "analytics-dek".equals(e.get("target_id"))))
                .singleElement().satisfies(e -> assertThat(e.get("details").toString()).contains("\"daysBefore\":0",
                        "\"owner\":\"alice\""));
    }

    /** A fresh grant and token at the moved clock (the first ones have run out by then). */
    private CryptoApi renewed(Holder holder) {
        crypto.grant(holder.cast(), holder.cast().requester(), holder.key(), Permission.USE_ENCRYPT, Permission.USE_DECRYPT);
        return new CryptoApi(mvc, crypto.holderToken(holder.cast().requester()));
    }
}
