package dev.keyward.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyward.audit.internal.AuditHashing;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every kind of tampering is found, at the exact sequence number, by the service, the API and the offline
 * verifier. Each tamper happens in a transaction that is rolled back, so the shared chain stays intact.
 */
class TamperDetectionTest extends IntegrationTest {

    @Autowired
    AuditTestSupport audit;
    @Autowired
    AuditLog log;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @TempDir
    Path dir;

    long head;
    long k;

    @BeforeEach
    void aChainWithASignedHead() {
        audit.append("test.tamper", 30);
        audit.checkpointNow();
        head = audit.headSeq();
        k = head - 10;
        AuditTestSupport.actAsAuditor();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anUntouchedChainVerifies() throws Exception {
        AuditVerification result = log.verify();
        assertThat(result.valid()).as(String.valueOf(result.problem())).isTrue();
        assertThat(result.entries()).isGreaterThanOrEqualTo(head);
        assertThat(result.lastCheckpoint().lastSeq()).isEqualTo(head);
        assertThat(offline().valid()).isTrue();
        JsonNode api = apiVerify();
        assertThat(api.path("valid").asBoolean()).isTrue();
        assertThat(api.path("firstInvalidSequence").isNull()).isTrue();
        assertThat(api.path("lastCheckpoint").path("lastSeq").asLong()).isEqualTo(head);
    }

    @Test
    void aModifiedEntryIsNamed() {
        expectFirstInvalid(k, () -> jdbc.update("update audit_entry set details = '{\"forged\":true}' where seq = ?", k));
    }

    @Test
    void aDeletedEntryIsNamed() {
        expectFirstInvalid(k, () -> jdbc.update("delete from audit_entry where seq = ?", k));
    }

    @Test
    void anInsertedEntryIsNamedEvenWithAValidHash() {
        expectFirstInvalid(k, () -> {
            jdbc.update("update audit_entry set seq = -seq where seq >= ?", k);
            jdbc.update("update audit_entry set seq = 1 - seq where seq < 0");
            String prev = jdbc.queryForObject("select hash from audit_entry where seq = ?", String.class, k - 1).trim();
            var forged = new AuditEntry(k, Instant.parse("2026-01-01T00:00:00Z"), "mallory", "Mallory", "test.forged",
                    "test", "x", "SUCCESS", "{}", null, null, prev, null);
            jdbc.update("insert into audit_entry (seq, occurred_at, actor_id, actor_name, action, target_type, target_id, "
                            + "outcome, details, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", k,
                    Timestamp.from(forged.occurredAt()), "mallory", "Mallory", "test.forged", "test", "x", "SUCCESS", "{}",
                    prev, AuditHashing.hash(forged, prev));
        });
    }

    @Test
    void reorderedEntriesAreNamed() {
        expectFirstInvalid(k, () -> {
            jdbc.update("update audit_entry set seq = -1 where seq = ?", k);
            jdbc.update("update audit_entry set seq = ? where seq = ?", k, k + 1);
            jdbc.update("update audit_entry set seq = ? where seq = -1", k + 1);
        });
    }

    @Test
    void aTruncatedTailIsCaughtByTheSignedCheckpoint() {
        expectFirstInvalid(k + 1, () -> jdbc.update("delete from audit_entry where seq > ?", k));
    }

    @Test
    void postgresRefusesUpdatesAndDeletesOfAuditRows() {
        String product = jdbc.execute((Connection c) -> c.getMetaData().getDatabaseProductName());
        assumeTrue("PostgreSQL".equals(product), "trigger exists on PostgreSQL only");
        assertThatThrownBy(() -> transactions.executeWithoutResult(s ->
                jdbc.update("update audit_entry set actor_id = 'mallory' where seq = ?", k)))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> transactions.executeWithoutResult(s ->
                jdbc.update("delete from audit_checkpoint where last_seq = ?", head)))
                .hasMessageContaining("append-only");
    }

    /** Tampers in a transaction, checks all three verifiers inside it, then rolls it back. */
    private void expectFirstInvalid(long expected, Runnable tamper) {
        transactions.executeWithoutResult(status -> {
            try {
                audit.allowTampering();
                tamper.run();
                AuditTestSupport.actAsAuditor();
                AuditVerification service = log.verify();
                assertThat(service.valid()).isFalse();
                assertThat(service.firstInvalidSequence()).as(service.problem()).isEqualTo(expected);
                JsonNode api = apiVerify();
                assertThat(api.path("valid").asBoolean()).isFalse();
                assertThat(api.path("firstInvalidSequence").asLong()).isEqualTo(expected);
                AuditVerification offline = offline();
                assertThat(offline.valid()).isFalse();
                assertThat(offline.firstInvalidSequence()).as(offline.problem()).isEqualTo(expected);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                status.setRollbackOnly();
            }
        });
        AuditTestSupport.actAsAuditor();
        assertThat(log.verify().valid()).as("the rollback restored the chain").isTrue();
    }


    private JsonNode apiVerify() throws Exception {
        String body = mvc.perform(get("/api/v1/audit/verify").header("Authorization", DemoTokens.bearer(DemoTokens.AUDITOR)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    private AuditVerification offline() throws Exception {
        AuditTestSupport.actAsAuditor(); // MockMvc clears this thread's security context after each request
        var export = new ByteArrayOutputStream();
        log.export(AuditFilter.ALL, AuditLog.ExportFormat.NDJSON, export);
        Path file = Files.write(dir.resolve("audit.ndjson"), export.toByteArray());
        Path pem = Files.writeString(dir.resolve("audit-public.pem"), log.publicKeyPem());
        return AuditVerifier.verify(file, AuditVerifier.readPublicKey(pem));
    }
}
