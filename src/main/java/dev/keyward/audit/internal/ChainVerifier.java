package dev.keyward.audit.internal;

import dev.keyward.audit.AuditCheckpoint;
import dev.keyward.audit.AuditEntry;
import dev.keyward.audit.AuditVerification;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a chain fed one entry at a time in sequence order, against the signed checkpoints, and names the first
 * bad sequence number: a missing entry (deleted), an entry whose hash does not recompute (modified), an entry
 * that does not link to its predecessor (inserted or reordered), or a tail shorter than the last signed
 * checkpoint (truncated). Memory stays constant however long the chain.
 */
public final class ChainVerifier {

    private final Map<Long, String> signedHeads = new HashMap<>();
    private final AuditCheckpoint lastSignedCheckpoint;
    private long expectedSeq = 1;
    private String runningHash = AuditHashing.GENESIS;
    private String previousPrevHash;
    private long count;
    private Long firstInvalid;
    private String problem;

    /** Checkpoints whose signature does not verify are reported as the problem and otherwise ignored. */
    public ChainVerifier(List<AuditCheckpoint> checkpoints, PublicKey publicKey) {
        AuditCheckpoint last = null;
        for (AuditCheckpoint c : checkpoints.stream().sorted(Comparator.comparingLong(AuditCheckpoint::lastSeq)).toList()) {
            if (signatureValid(c, publicKey)) {
                signedHeads.put(c.lastSeq(), c.headHash());
                last = c;
            } else if (problem == null) {
                problem = "checkpoint at sequence " + c.lastSeq() + " has an invalid signature";
                firstInvalid = c.lastSeq();
            }
        }
        this.lastSignedCheckpoint = last;
    }

    /** Starts the check at a later entry (for exports of a sequence range), trusting its link backwards. */
    public void startAt(long seq, String prevHash) {
        expectedSeq = seq;
        runningHash = prevHash;
    }

    /** Feeds the next entry; returns false once the chain is known to be broken (later entries need not come). */
    public boolean accept(AuditEntry e) {
        if (firstInvalid != null) {
            return false;
        }
        count++;
        if (e.seq() > expectedSeq) {
            return fail(expectedSeq, "entry " + expectedSeq + " is missing");
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
        return new AuditVerification(firstInvalid == null, count, firstInvalid, problem, lastSignedCheckpoint);
    }

    private boolean fail(long seq, String why) {
        firstInvalid = seq;
        problem = why;
        return false;
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
