package dev.keyward.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyward.hsm.HsmBackend;
import dev.keyward.hsm.KeyAlgorithm;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/** Listing and paging entries through the API, and checkpoints every N entries or T seconds. */
class AuditApiTest extends IntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    AuditTestSupport audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    HsmBackend hsm;
    @Autowired
    CheckpointSigner signer;

    @Test
    void entriesAreFilteredAndPagedNewestFirst() throws Exception {
        audit.append("test.paging", 7);
        JsonNode first = page("action=test.paging&size=5&page=0");
        assertThat(first.path("entries")).hasSize(5);
        assertThat(first.path("more").asBoolean()).isTrue();
        JsonNode second = page("action=test.paging&size=5&page=1");
        assertThat(second.path("entries")).hasSize(2);
        assertThat(second.path("more").asBoolean()).isFalse();
        long newest = first.path("entries").get(0).path("seq").asLong();
        long oldest = second.path("entries").get(1).path("seq").asLong();
        assertThat(newest).isGreaterThan(oldest);
        assertThat(first.path("entries").findValuesAsText("action")).containsOnly("test.paging");
        assertThat(page("action=test.paging&outcome=DENIED").path("entries")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"size=0", "size=5000", "page=-1", "outcome=MAYBE", "from=yesterday", "page=abc"})
    void badQueriesAreProblemDetails(String query) throws Exception {
        mvc.perform(get("/api/v1/audit/entries?" + query).header("Authorization", DemoTokens.bearer(DemoTokens.AUDITOR)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void checkpointsAreSignedByAKeyInTheHsm() {
        assertThat(hsm.find("keyward-audit-checkpoints")).hasValueSatisfying(key -> {
            assertThat(key.algorithm()).isEqualTo(KeyAlgorithm.EC_P256);
            assertThat(key.publicKey()).isEqualTo(signer.publicKey().getEncoded());
        });
    }

    @Test
    void exportFormatMustBeKnown() throws Exception {
        mvc.perform(get("/api/v1/audit/export?format=xml").header("Authorization", DemoTokens.bearer(DemoTokens.AUDITOR)))
                .andExpect(status().isBadRequest());
    }

    @Test
    void checkpointsFollowEntryCountAndTime() {
        audit.checkpointNow();
        long before = checkpoints();
        audit.append("test.checkpoint", 3);
        assertThat(checkpoints()).as("3 entries, no time passed").isEqualTo(before);
        clock.advance(Duration.ofMinutes(59));
        audit.sealAll();
        assertThat(checkpoints()).as("before the interval (1 h in tests)").isEqualTo(before);
        clock.advance(Duration.ofMinutes(2));
        audit.sealAll();
        assertThat(checkpoints()).as("interval passed").isEqualTo(before + 1);
        assertThat(latestCheckpointSeq()).isEqualTo(audit.headSeq());

        audit.append("test.checkpoint", 1000);
        assertThat(checkpoints()).as("1,000 entries").isEqualTo(before + 2);
        assertThat(latestCheckpointSeq()).isEqualTo(audit.headSeq());
    }

    private long checkpoints() {
        return jdbc.queryForObject("select count(*) from audit_checkpoint", Long.class);
    }

    private long latestCheckpointSeq() {
        return jdbc.queryForObject("select max(last_seq) from audit_checkpoint", Long.class);
    }

    private JsonNode page(String query) throws Exception {
        return json.readTree(mvc.perform(get("/api/v1/audit/entries?" + query)
                        .header("Authorization", DemoTokens.bearer(DemoTokens.AUDITOR)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }
}
