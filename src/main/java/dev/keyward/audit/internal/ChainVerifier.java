package dev.keyward.audit.internal;

import dev.keyward.audit.AuditCheckpoint;
import dev.keyward.audit.AuditEntry;
import dev.keyward.audit.AuditVerification;
import dev.keyward.audit.WitnessedCheckpoint;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.HashMap;

/**
 * Checks a chain fed one entry at a time in sequence order, against the signed checkpoints (the database's or an
 * export's, and a witness's), and names the first bad sequence number: a missing entry (deleted), an entry whose
 * hash does not recompute (modified), an entry that does not link to its predecessor (inserted or reordered), an
 * entry that differs from what the witness saw (rewritten with recomputed hashes), a tail shorter than the last
 * signed checkpoint (truncated), or a signed checkpoint the database no longer holds. Memory stays constant in the
 * number of entries (one hash per checkpoint).
 */
public final class ChainVerifier {

    private final PublicKey publicKey;
    private final Long toSeq;
    /** Head hash of every validly signed checkpoint in range, from the database and from the witness. */
    private final Map<Long, String> signedHeads = new HashMap<>();
    private final Map<Long, String> inDatabase = new HashMap<>();
    /** Checkpoints the witness kept and the log lost: reported unless the entries show damage earlier. */
    private Finding checkpointFinding;
    private AuditCheckpoint lastSignedCheckpoint;
    private Iterator<WitnessedCheckpoint> witnessed = Collections.emptyIterator();
    private WitnessedCheckpoint currentWitnessed;
    private long expectedSeq = 1;
    private String runningHash = AuditHashing.GENESIS;
    private String previousPrevHash;
    private long count;
    private Long firstInvalid;
    private String problem;

    /** The whole chain, from the genesis entry to the head. */
    public ChainVerifier(List<AuditCheckpoint> checkpoints, PublicKey publicKey) {
        this(checkpoints, publicKey, null);
    }

    /**
     * A chain up to {@code toSeq} ({@code null}: the head): checkpoints beyond it are ignored. Checkpoints whose
     * signature does not verify are reported as the problem and otherwise ignored.
     */
    public ChainVerifier(List<AuditCheckpoint> checkpoints, PublicKey publicKey, Long toSeq) {
        this.publicKey = publicKey;
        this.toSeq = toSeq;
        for (AuditCheckpoint c : sorted(checkpoints)) {
            if (trusted(c, "checkpoint")) {
                inDatabase.put(c.lastSeq(), c.headHash());
                signed(c);
            }
        }
    }

    /**
     * Adds what a witness kept: its checkpoints count as the database's do, one the database lost is a finding, and
     * its entry hash prefixes (fed oldest first, lazily) say where a rewrite starts.
     */
    public void witnessedBy(List<AuditCheckpoint> checkpoints, Iterator<WitnessedCheckpoint> records) {
        for (AuditCheckpoint c : sorted(checkpoints)) {
            if (!trusted(c, "witnessed checkpoint")) {
                continue;
            }
            String known = inDatabase.get(c.lastSeq());
            if (known == null && checkpointFinding == null) {
                checkpointFinding = new Finding(c.lastSeq(), "the signed checkpoint at sequence " + c.lastSeq()
                        + " that the witness kept is missing from the log's checkpoints");
            } else if (known != null && !known.equals(c.headHash()) && checkpointFinding == null) {
                checkpointFinding = new Finding(c.lastSeq(), "the checkpoint at sequence " + c.lastSeq()
                        + " differs from the one the witness kept");
            }
            signed(c);
        }
        this.witnessed = records;
    }

    /**
     * Starts the check right after a signed checkpoint the caller chose to trust (for an export of a range); without
     * this the first entry must be the genesis entry.
     */
    public void startAfter(long checkpointSeq) {
        String head = signedHeads.get(checkpointSeq);
        if (head == null) {
            failOnce(checkpointSeq, "there is no validly signed checkpoint at sequence " + checkpointSeq + " to start from");
            return;
        }
        expectedSeq = checkpointSeq + 1;
        runningHash = head;
    }

    /** Feeds the next entry; returns false once the chain is known to be broken (later entries need not come). */
    public boolean accept(AuditEntry e) {
        if (firstInvalid != null) {
            return false;
        }
        count++;
        if (e.seq() > expectedSeq) {
            return fail(expectedSeq, expectedSeq == 1 && count == 1
                    ? "the entries start at " + e.seq() + ", not at the first entry: entries 1 to " + (e.seq() - 1)
                    + " are missing (to check a range, start it right after a signed checkpoint you trust)"
                    : "entry " + expectedSeq + " is missing");
        }
        if (e.seq() < expectedSeq) {
            return fail(e.seq(), "entry " + e.seq() + " appears twice or out of order");
        }
        if (!e.prevHash().equals(runningHash)) {
            if (e.prevHash().equals(previousPrevHash)) {
                return fail(e.seq() - 1, "entry " + (e.seq() - 1) + " was inserted: it and the next one share a predecessor");
            }
            return fail(e.seq(), "entry " + e.seq() + " does not link to the entry before it");
        }
        if (!AuditHashing.hash(e, e.prevHash()).equals(e.hash())) {
            return fail(e.seq(), "entry " + e.seq() + " was altered: its hash does not match its content");
        }
        String witnessedPrefix = witnessedPrefix(e.seq());
        if (witnessedPrefix != null && !e.hash().startsWith(witnessedPrefix)) {
            return fail(e.seq(), "entry " + e.seq() + " was rewritten: it differs from the entry the witness saw");
        }
        String signed = signedHeads.get(e.seq());
        if (signed != null && !signed.equals(e.hash())) {
            return fail(e.seq(), "entry " + e.seq() + " differs from the signed checkpoint");
        }
        previousPrevHash = e.prevHash();
        runningHash = e.hash();
        expectedSeq++;
        return true;
    }

    public AuditVerification result() {
        if (firstInvalid == null && lastSignedCheckpoint != null && lastSignedCheckpoint.lastSeq() >= expectedSeq) {
            fail(expectedSeq, "the log ends at " + (expectedSeq - 1) + " but a signed checkpoint covers "
                    + lastSignedCheckpoint.lastSeq() + ": entries were truncated");
        }
        if (checkpointFinding != null) {
            failOnce(checkpointFinding.seq(), checkpointFinding.problem());
        }
        return new AuditVerification(firstInvalid == null, count, firstInvalid, problem, lastSignedCheckpoint);
    }

    /** The hash the chain has reached: the last accepted entry's. */
    public String runningHash() {
        return runningHash;
    }

    private String witnessedPrefix(long seq) {
        while ((currentWitnessed == null || currentWitnessed.lastSeq() < seq) && witnessed.hasNext()) {
            currentWitnessed = witnessed.next();
        }
        return currentWitnessed == null ? null : currentWitnessed.prefixOf(seq);
    }

    private List<AuditCheckpoint> sorted(List<AuditCheckpoint> checkpoints) {
        return checkpoints.stream().filter(c -> toSeq == null || c.lastSeq() <= toSeq)
                .sorted(Comparator.comparingLong(AuditCheckpoint::lastSeq)).toList();
    }

    private boolean trusted(AuditCheckpoint c, String what) {
        if (signatureValid(c, publicKey)) {
            return true;
        }
        failOnce(c.lastSeq(), what + " at sequence " + c.lastSeq() + " has an invalid signature");
        return false;
    }

    private void signed(AuditCheckpoint c) {
        signedHeads.put(c.lastSeq(), c.headHash());
        if (lastSignedCheckpoint == null || c.lastSeq() >= lastSignedCheckpoint.lastSeq()) {
            lastSignedCheckpoint = c;
        }
    }

    private void failOnce(long seq, String why) {
        if (firstInvalid == null || seq < firstInvalid) {
            fail(seq, why);
        }
    }

    private boolean fail(long seq, String why) {
        firstInvalid = seq;
        problem = why;
        return false;
    }

    private record Finding(long seq, String problem) {
    }

    static boolean signatureValid(AuditCheckpoint c, PublicKey key) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update(AuditHashing.checkpointPayload(c.lastSeq(), c.headHash(), c.createdAt().toEpochMilli()));
            return verifier.verify(Base64.getUrlDecoder().decode(c.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
