package dev.keyward.audit.internal;

import dev.keyward.audit.AuditCheckpoint;
import dev.keyward.audit.AuditEntry;
import dev.keyward.audit.CheckpointSigner;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves committed inbox rows into the chain: one batch per transaction, under the lock of the single
 * {@code audit_head} row, so sealers on several nodes still produce one exact, gap-free order. Entries get their
 * sequence number in the order they become visible, then a checkpoint is signed when due. A crash between commit
 * and sealing loses nothing: the rows wait in the inbox.
 */
@Component
public class AuditSealer {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final CheckpointSigner signer;
    private final Clock clock;
    private final AuditProperties properties;

    AuditSealer(JdbcTemplate jdbc, TransactionTemplate transactions, CheckpointSigner signer, Clock clock,
                AuditProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.signer = signer;
        this.clock = clock;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${keyward.audit.seal-interval:25ms}")
    void sealContinuously() {
        try {
            sealAll();
        } catch (RuntimeException e) {
            log.error("Sealing audit entries failed; they stay in the inbox and are retried", e);
        }
    }

    /** Seals everything committed so far; returns how many entries were sealed. */
    public int sealAll() {
        int total = 0;
        int sealed;
        do {
            sealed = transactions.execute(status -> sealBatch());
            total += sealed;
        } while (sealed == properties.sealBatch());
        return total;
    }

    /** Seals everything and signs a checkpoint over the head now if it has moved since the last one. */
    public void checkpointNow() {
        sealAll();
        transactions.executeWithoutResult(status -> {
            var head = jdbc.queryForMap("select last_seq, last_hash from audit_head where id = 1 for update");
            long seq = ((Number) head.get("last_seq")).longValue();
            Long signed = jdbc.queryForObject("select max(last_seq) from audit_checkpoint", Long.class);
            if (seq > (signed == null ? 0 : signed)) {
                insertCheckpoint(sign(seq, ((String) head.get("last_hash")).trim(), clock.instant().truncatedTo(ChronoUnit.MILLIS)));
            }
        });
    }

    private int sealBatch() {
        var head = jdbc.queryForMap("select last_seq, last_hash from audit_head where id = 1 for update");
        long seq = ((Number) head.get("last_seq")).longValue();
        String hash = ((String) head.get("last_hash")).trim();
        List<Object[]> inbox = jdbc.query("select id, occurred_at, actor_id, actor_name, action, target_type, target_id, "
                        + "outcome, details, client_address, user_agent from audit_inbox order by id fetch first "
                        + properties.sealBatch() + " rows only",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11)});
        if (!inbox.isEmpty()) {
            List<Object[]> entries = new ArrayList<>(inbox.size());
            List<Object[]> ids = new ArrayList<>(inbox.size());
            for (Object[] r : inbox) {
                seq++;
                AuditEntry unsealed = new AuditEntry(seq, (Instant) r[1], (String) r[2], (String) r[3], (String) r[4],
                        (String) r[5], (String) r[6], (String) r[7], (String) r[8], (String) r[9], (String) r[10], hash, null);
                String next = AuditHashing.hash(unsealed, hash);
                entries.add(new Object[] {seq, Timestamp.from(unsealed.occurredAt()), r[2], r[3], r[4], r[5], r[6], r[7],
                        r[8], r[9], r[10], hash, next});
                ids.add(new Object[] {r[0]});
                hash = next;
            }
            jdbc.batchUpdate("insert into audit_entry (seq, occurred_at, actor_id, actor_name, action, target_type, "
                    + "target_id, outcome, details, client_address, user_agent, prev_hash, hash) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entries);
            jdbc.batchUpdate("delete from audit_inbox where id = ?", ids);
            jdbc.update("update audit_head set last_seq = ?, last_hash = ? where id = 1", seq, hash);
        }
        checkpointIfDue(seq, hash);
        return inbox.size();
    }

    private void checkpointIfDue(long headSeq, String headHash) {
        var last = jdbc.query("select last_seq, created_at from audit_checkpoint order by last_seq desc fetch first 1 rows only",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getTimestamp(2).toInstant()});
        long lastSeq = last.isEmpty() ? 0 : (long) last.get(0)[0];
        Instant lastAt = last.isEmpty() ? Instant.EPOCH : (Instant) last.get(0)[1];
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        boolean due = headSeq - lastSeq >= properties.checkpointEntries()
                || (headSeq > lastSeq && !now.isBefore(lastAt.plus(properties.checkpointInterval())));
        if (due) {
            insertCheckpoint(sign(headSeq, headHash, now));
        }
    }

    private void insertCheckpoint(AuditCheckpoint c) {
        jdbc.update("insert into audit_checkpoint (last_seq, head_hash, created_at, algorithm, key_id, signature) "
                + "values (?, ?, ?, ?, ?, ?)", c.lastSeq(), c.headHash(), Timestamp.from(c.createdAt()), c.algorithm(),
                c.keyId(), c.signature());
    }

    private AuditCheckpoint sign(long seq, String headHash, Instant at) {
        byte[] signature = signer.sign(AuditHashing.checkpointPayload(seq, headHash, at.toEpochMilli()));
        return new AuditCheckpoint(seq, headHash, at, signer.algorithm(), signer.keyId(),
                Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
    }
}
