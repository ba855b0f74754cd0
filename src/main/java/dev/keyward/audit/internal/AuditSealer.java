package dev.keyward.audit.internal;

import dev.keyward.audit.AuditChainBroken;
import dev.keyward.audit.AuditCheckpoint;
import dev.keyward.audit.AuditEntry;
import dev.keyward.audit.AuditFilter;
import dev.keyward.audit.AuditVerification;
import dev.keyward.audit.CheckpointSigner;
import dev.keyward.audit.CheckpointWitness;
import dev.keyward.audit.WitnessedCheckpoint;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves committed inbox rows into the chain: one batch per transaction, under the lock of the single
 * {@code audit_head} row, so sealers on several nodes still produce one exact, gap-free order. Entries get their
 * sequence number in the order they become visible, then a checkpoint is signed when due. A crash between commit
 * and sealing loses nothing: the rows wait in the inbox.
 *
 * <p>Before it signs, the sealer checks that the chain still extends the newest checkpoint that it, the database
 * or a witness knows. If it does not (a database superuser cut or rewrote the tail, deleted checkpoints and moved
 * the head), it signs nothing, raises {@link AuditChainBroken} once, and looks again every checkpoint interval.
 * Each signed checkpoint goes to the witnesses after its transaction commits.
 */
@Component
public class AuditSealer {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final TransactionTemplate alarms;
    private final AuditStore store;
    private final CheckpointSigner signer;
    private final List<CheckpointWitness> witnesses;
    private final ChainCheck chain;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AuditProperties properties;

    /** The newest checkpoint this node signed or found in a readable witness; loaded on first use. */
    private volatile Optional<AuditCheckpoint> lastWitnessed;
    private volatile Alarm alarm;

    AuditSealer(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, AuditStore store,
                CheckpointSigner signer, ChainCheck chain, ApplicationEventPublisher events, Clock clock,
                AuditProperties properties) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.alarms = new TransactionTemplate(transactionManager);
        this.alarms.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.store = store;
        this.signer = signer;
        this.witnesses = chain.witnesses();
        this.chain = chain;
        this.events = events;
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
            var head = lockHead();
            checkpoint(head.seq(), head.hash(), now(), true);
        });
    }

    /** Why checkpoints are not being signed, while they are not. */
    public Optional<AuditChainBroken> alarm() {
        return Optional.ofNullable(alarm).map(Alarm::broken);
    }

    private int sealBatch() {
        var head = lockHead();
        long seq = head.seq();
        String hash = head.hash();
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
        Instant now = now();
        boolean due = headSeq - lastSeq >= properties.checkpointEntries()
                || (headSeq > lastSeq && !now.isBefore(lastAt.plus(properties.checkpointInterval())));
        if (due) {
            checkpoint(headSeq, headHash, now, false);
        }
    }

    /** Signs the head if the chain still extends the newest known checkpoint; raises the alarm if it does not. */
    private void checkpoint(long headSeq, String headHash, Instant now, boolean force) {
        Alarm raised = alarm;
        if (!force && raised != null && now.isBefore(raised.recheckAt())) {
            return;
        }
        try {
            Optional<AuditCheckpoint> anchor = anchor();
            long anchorSeq = anchor.map(AuditCheckpoint::lastSeq).orElse(0L);
            if (anchorSeq > headSeq) {
                throw new ChainBreak(headSeq + 1, "the chain ends at entry " + headSeq + " but the checkpoint signed at "
                        + anchor.get().createdAt() + " covers entry " + anchorSeq + ": entries were removed");
            }
            if (anchor.isPresent()) {
                String atAnchor = jdbc.query("select hash from audit_entry where seq = ?",
                        rs -> rs.next() ? rs.getString(1).trim() : null, anchorSeq);
                if (!anchor.get().headHash().equals(atAnchor)) {
                    throw new ChainBreak(anchorSeq, "entry " + anchorSeq + " no longer matches the checkpoint signed "
                            + "over it at " + anchor.get().createdAt());
                }
            }
            if (headSeq > anchorSeq) {
                String prefixes = hashPrefixesExtending(anchor, headSeq, headHash);
                AuditCheckpoint signed = sign(headSeq, headHash, now);
                insertCheckpoint(signed);
                witnessAfterCommit(new WitnessedCheckpoint(signed, anchorSeq + 1, prefixes));
            }
            clearAlarm();
        } catch (ChainBreak b) {
            raise(b.fromSeq, b.getMessage(), now);
        }
    }

    /**
     * Checks that the entries after the anchor link up to the head, and returns their hash prefixes for the
     * witness.
     */
    private String hashPrefixesExtending(Optional<AuditCheckpoint> anchor, long headSeq, String headHash) {
        long anchorSeq = anchor.map(AuditCheckpoint::lastSeq).orElse(0L);
        var verifier = new ChainVerifier(anchor.map(List::of).orElse(List.of()), signer.publicKey());
        anchor.ifPresent(a -> verifier.startAfter(a.lastSeq()));
        var prefixes = new StringBuilder((int) (headSeq - anchorSeq) * WitnessedCheckpoint.PREFIX);
        store.stream(AuditFilter.sequences(anchorSeq + 1, headSeq), entry -> {
            prefixes.append(entry.hash(), 0, WitnessedCheckpoint.PREFIX);
            return verifier.accept(entry);
        });
        var result = verifier.result();
        if (!result.valid()) {
            throw new ChainBreak(result.firstInvalidSequence(), result.problem());
        }
        if (result.entries() != headSeq - anchorSeq || !verifier.runningHash().equals(headHash)) {
            throw new ChainBreak(anchorSeq + result.entries() + 1, "the head of the chain (entry " + headSeq
                    + ") is not the end of the entries that follow the last checkpoint");
        }
        return prefixes.toString();
    }

    /**
     * The newest checkpoint known: this node's own (or its witnesses') and the database's, whichever covers more.
     * A database checkpoint that is not validly signed, or that disagrees with the witness, is a break.
     */
    private Optional<AuditCheckpoint> anchor() {
        Optional<AuditCheckpoint> witnessed = lastWitnessed();
        Optional<AuditCheckpoint> stored = jdbc.query("select * from audit_checkpoint order by last_seq desc fetch first 1 rows only",
                AuditStore.CHECKPOINT).stream().findFirst();
        if (stored.isPresent() && !ChainVerifier.signatureValid(stored.get(), signer.publicKey())) {
            throw new ChainBreak(stored.get().lastSeq(), "the newest checkpoint in the database, at entry "
                    + stored.get().lastSeq() + ", is not validly signed");
        }
        if (stored.isPresent() && witnessed.isPresent() && stored.get().lastSeq() == witnessed.get().lastSeq()
                && !stored.get().headHash().equals(witnessed.get().headHash())) {
            throw new ChainBreak(stored.get().lastSeq(), "the checkpoint at entry " + stored.get().lastSeq()
                    + " in the database differs from the one the witness kept");
        }
        return Stream.of(witnessed, stored).flatMap(Optional::stream).max(Comparator.comparingLong(AuditCheckpoint::lastSeq));
    }

    private Optional<AuditCheckpoint> lastWitnessed() {
        if (lastWitnessed == null) {
            lastWitnessed = witnesses.stream().filter(CheckpointWitness::readable).flatMap(w -> {
                try (Stream<WitnessedCheckpoint> records = w.records()) {
                    return records.map(WitnessedCheckpoint::checkpoint).max(Comparator.comparingLong(AuditCheckpoint::lastSeq)).stream();
                }
            }).max(Comparator.comparingLong(AuditCheckpoint::lastSeq));
        }
        return lastWitnessed;
    }

    /** Witnesses hear only of checkpoints that are committed, so they never hold one the database does not. */
    private void witnessAfterCommit(WitnessedCheckpoint record) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                lastWitnessed = Optional.of(record.checkpoint());
                for (CheckpointWitness w : witnesses) {
                    try {
                        w.witness(record);
                    } catch (RuntimeException e) {
                        log.error("The audit witness ({}) could not keep the checkpoint at entry {}; the next one "
                                + "covers it", w.describe(), record.lastSeq(), e);
                    }
                }
            }
        });
    }

    /**
     * Raises the alarm once per break; a new break is first located by a full verification with the witness (the
     * quick check above sees only where the head stops extending the anchor, not where the damage starts).
     */
    private void raise(long fromSeq, String problem, Instant now) {
        Alarm raised = alarm;
        Instant recheckAt = now.plus(properties.checkpointInterval());
        if (raised != null) {
            alarm = new Alarm(raised.broken(), recheckAt);
            return;
        }
        AuditVerification located = chain.verify(Integer.MAX_VALUE, seen -> { });
        var broken = located.valid() ? new AuditChainBroken(fromSeq, problem)
                : new AuditChainBroken(located.firstInvalidSequence(), located.problem());
        log.error("Audit checkpoints are no longer signed: {} (the break starts at entry {}). Security officers are "
                + "alerted. Keep the database as it is and investigate; if it was reset on purpose, move the witness "
                + "aside ({}) and restart.", broken.problem(), broken.fromSequence(),
                witnesses.stream().map(CheckpointWitness::describe).toList());
        alarms.executeWithoutResult(status -> events.publishEvent(broken));
        alarm = new Alarm(broken, recheckAt);
    }

    private void clearAlarm() {
        if (alarm != null) {
            log.warn("The audit chain extends the last known checkpoint again; checkpoints are signed again");
            alarm = null;
        }
    }

    private Head lockHead() {
        var head = jdbc.queryForMap("select last_seq, last_hash from audit_head where id = 1 for update");
        return new Head(((Number) head.get("last_seq")).longValue(), ((String) head.get("last_hash")).trim());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
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

    private record Head(long seq, String hash) {
    }

    private record Alarm(AuditChainBroken broken, Instant recheckAt) {
    }

    /** The chain does not extend the last known checkpoint, from {@code fromSeq} on. */
    private static final class ChainBreak extends RuntimeException {
        private final long fromSeq;

        ChainBreak(long fromSeq, String problem) {
            super(problem, null, false, false);
            this.fromSeq = fromSeq;
        }
    }
}
