package dev.keyward.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.audit.internal.AuditHashing;
import dev.keyward.audit.internal.FileWitness;
import dev.keyward.support.IntegrationTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A database superuser can rewrite what the database holds, but not the witness: every signed checkpoint is also
 * appended to a file outside the database, the sealer refuses to sign a head that does not extend what the witness
 * knows, and verification (online and offline) names where the damage starts. Tampering happens in transactions
 * that are rolled back, so the shared chain stays intact.
 */
class AuditWitnessTest extends IntegrationTest {

    @Autowired
    AuditTestSupport audit;
    @Autowired
    AuditLog log;
    @Autowired
    FileWitness witness;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @TempDir
    Path dir;

    long head;

    @BeforeEach
    void aWitnessedChain() {
        audit.append("test.witness", 40);
        audit.checkpointNow();
        head = audit.headSeq();
        AuditTestSupport.actAsAuditor();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void everySignedCheckpointIsKeptOutsideTheDatabaseWithItsEntries() {
        WitnessedCheckpoint last = lastWitnessed();
        assertThat(last.lastSeq()).isEqualTo(head);
        AuditCheckpoint stored = jdbc.query("select * from audit_checkpoint where last_seq = ?", (rs, i) -> new AuditCheckpoint(
                rs.getLong("last_seq"), rs.getString("head_hash").trim(), rs.getTimestamp("created_at").toInstant(),
                rs.getString("algorithm"), rs.getString("key_id"), rs.getString("signature")), head).get(0);
        assertThat(last.checkpoint()).isEqualTo(stored);
        for (long seq = last.fromSeq(); seq <= head; seq++) {
            assertThat(hashOf(seq)).startsWith(last.prefixOf(seq));
        }
        try (Stream<WitnessedCheckpoint> all = witness.records()) {
            List<WitnessedCheckpoint> records = all.toList();
            assertThat(records).extracting(WitnessedCheckpoint::fromSeq).first().isEqualTo(1L);
            for (int i = 1; i < records.size(); i++) {
                assertThat(records.get(i).fromSeq()).as("the witness saw every entry once")
                        .isEqualTo(records.get(i - 1).lastSeq() + 1);
            }
        }
    }

    /**
     * The attack from the hardening issue: cut the tail, delete the checkpoints above the cut, move the head. The
     * database alone then looks whole; the witness does not.
     */
    @Test
    void aShorterHistoryIsReportedAndNeverSigned() {
        long cut = head - 12;
        int mailsBefore = mailsToOfficers();
        transactions.executeWithoutResult(status -> {
            try {
                audit.allowTampering();
                jdbc.update("delete from audit_entry where seq > ?", cut);
                jdbc.update("delete from audit_checkpoint where last_seq > ?", cut);
                jdbc.update("update audit_head set last_seq = ?, last_hash = ? where id = 1", cut, hashOf(cut));

                assertThat(offline(null).valid()).as("without the witness the forged log looks whole").isTrue();
                AuditVerification online = log.verify();
                assertThat(online.valid()).isFalse();
                assertThat(online.firstInvalidSequence()).as(online.problem()).isEqualTo(cut + 1);
                AuditVerification offline = offline(witnessFile());
                assertThat(offline.firstInvalidSequence()).as(offline.problem()).isEqualTo(cut + 1);

                audit.append("test.after-the-cut", 3);
                audit.checkpointNow();
                Long signed = jdbc.queryForObject("select max(last_seq) from audit_checkpoint", Long.class);
                assertThat(signed == null ? 0 : signed).as("nothing past the cut is signed").isLessThanOrEqualTo(cut);
                assertThat(lastWitnessed().lastSeq()).isEqualTo(head);
                assertThat(log.signingAlarm()).hasValueSatisfying(a -> assertThat(a.fromSequence()).isEqualTo(cut + 1));
                AuditVerification afterAppend = log.verify();
                assertThat(afterAppend.firstInvalidSequence()).as(afterAppend.problem()).isEqualTo(cut + 1);
            } finally {
                status.setRollbackOnly();
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mailsToOfficers() > mailsBefore);
        assertThat(jdbc.queryForObject("select count(*) from audit_inbox where action = 'audit.chain.broken'", Long.class)
                + jdbc.queryForObject("select count(*) from audit_entry where action = 'audit.chain.broken'", Long.class))
                .as("the alarm is itself audited, outside the rolled-back transaction").isGreaterThan(0);

        audit.checkpointNow();
        assertThat(log.signingAlarm()).as("the restored chain extends the witness again").isEmpty();
        AuditTestSupport.actAsAuditor();
        assertThat(log.verify().valid()).isTrue();
    }

    /** Entries rewritten with recomputed hashes (and every later one relinked) are named where the rewrite starts. */
    @Test
    void aRewriteWithRecomputedHashesIsNamedWhereItStarts() {
        long from = head - 14;
        transactions.executeWithoutResult(status -> {
            try {
                audit.allowTampering();
                String prev = hashOf(from - 1);
                for (long seq = from; seq <= head; seq++) {
                    AuditEntry original = entry(seq);
                    AuditEntry forged = new AuditEntry(seq, original.occurredAt(), original.actorId(), original.actorName(),
                            original.action(), original.targetType(), original.targetId(), original.outcome(),
                            seq < from + 14 ? "{\"forged\":true}" : original.details(), original.clientAddress(),
                            original.userAgent(), prev, null);
                    String hash = AuditHashing.hash(forged, prev);
                    jdbc.update("update audit_entry set details = ?, prev_hash = ?, hash = ? where seq = ?",
                            forged.details(), prev, hash, seq);
                    prev = hash;
                }
                AuditVerification online = log.verify();
                assertThat(online.firstInvalidSequence()).as(online.problem()).isEqualTo(from);
                assertThat(online.problem()).contains("rewritten");
                assertThat(offline(witnessFile()).firstInvalidSequence()).isEqualTo(from);
                assertThat(offline(null).firstInvalidSequence()).as("without the witness: only at the checkpoint")
                        .isEqualTo(head);
            } finally {
                status.setRollbackOnly();
            }
        });
    }

    @Test
    void anExportMissingItsFirstEntriesDoesNotVerify() throws Exception {
        Path whole = export(AuditFilter.ALL);
        Path withoutFirstFive = dir.resolve("without-1-5.ndjson");
        try (Stream<String> lines = Files.lines(whole)) {
            Files.write(withoutFirstFive, lines.filter(l -> !l.matches(".*\"type\":\"entry\",\"seq\":[1-5],.*")).toList());
        }
        AuditVerification result = AuditVerifier.verify(withoutFirstFive, publicKey());
        assertThat(result.valid()).isFalse();
        assertThat(result.firstInvalidSequence()).isEqualTo(1);
        assertThat(result.problem()).contains("start at 6");
        assertThat(AuditVerifier.verify(withoutFirstFive, publicKey(), null, 5L).valid())
                .as("entry 5 is not a signed checkpoint").isFalse();
    }

    @Test
    void aRangeExportVerifiesFromTheCheckpointItStartsAfter() throws Exception {
        audit.append("test.range", 5);
        audit.checkpointNow();
        Path range = export(AuditFilter.sequences(head + 2, null));
        String firstEntry;
        try (Stream<String> lines = Files.lines(range)) {
            firstEntry = lines.filter(l -> l.contains("\"type\":\"entry\"")).findFirst().orElseThrow();
        }
        assertThat(firstEntry).as("the range starts right after the checkpoint before it").contains("\"seq\":" + (head + 1) + ",");
        assertThat(AuditVerifier.verify(range, publicKey()).valid()).as("not trusted unless told").isFalse();
        AuditVerification trusted = AuditVerifier.verify(range, publicKey(), witnessFile(), head);
        assertThat(trusted.valid()).as(trusted.problem()).isTrue();
        assertThat(trusted.entries()).isEqualTo(audit.headSeq() - head);
    }

    private Path export(AuditFilter filter) throws Exception {
        AuditTestSupport.actAsAuditor();
        var out = new ByteArrayOutputStream();
        log.export(filter, AuditLog.ExportFormat.NDJSON, out);
        return Files.write(dir.resolve("export-" + System.nanoTime() + ".ndjson"), out.toByteArray());
    }

    private AuditVerification offline(Path witnessFile) {
        try {
            return AuditVerifier.verify(export(AuditFilter.ALL), publicKey(), witnessFile, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            AuditTestSupport.actAsAuditor();
        }
    }

    private java.security.PublicKey publicKey() throws Exception {
        return AuditVerifier.readPublicKey(Files.writeString(dir.resolve("public.pem"), log.publicKeyPem()));
    }

    private Path witnessFile() {
        return Path.of(witness.describe().substring("file ".length()));
    }

    private WitnessedCheckpoint lastWitnessed() {
        try (Stream<WitnessedCheckpoint> records = witness.records()) {
            return records.reduce((a, b) -> b).orElseThrow();
        }
    }

    private String hashOf(long seq) {
        return jdbc.queryForObject("select hash from audit_entry where seq = ?", String.class, seq).trim();
    }

    private AuditEntry entry(long seq) {
        return jdbc.query("select * from audit_entry where seq = ?", (rs, i) -> new AuditEntry(rs.getLong("seq"),
                rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor_id"), rs.getString("actor_name"),
                rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"), rs.getString("outcome"),
                rs.getString("details"), rs.getString("client_address"), rs.getString("user_agent"),
                rs.getString("prev_hash").trim(), rs.getString("hash").trim()), seq).get(0);
    }

    private static int mailsToOfficers() {
        return (int) Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().contains("Audit log alarm")
                        && Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().startsWith("dave@"));
            } catch (MessagingException e) {
                return false;
            }
        }).count();
    }

}
