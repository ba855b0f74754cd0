package dev.keyward.audit;

import java.util.stream.Stream;

/**
 * Somewhere outside the database that keeps every signed checkpoint, so that a database superuser who cuts or
 * rewrites the chain, deletes the checkpoints and moves the head cannot make a shorter history look whole. The
 * sealer hands each checkpoint to every witness after it commits. Readable witnesses (the default append-only file)
 * also give their records back to the sealer and to verification; write-only ones (syslog, and later e-mail, a
 * transparency log or a time-stamping authority) only testify.
 */
public interface CheckpointWitness {

    /** For logs and alarms, e.g. {@code file /var/lib/keyward-witness/checkpoints.ndjson}. */
    String describe();

    /** Keeps the record durably before returning; throws if it could not. */
    void witness(WitnessedCheckpoint record);

    default boolean readable() {
        return false;
    }

    /** Every record held, oldest first (lazily: close the stream). Only for readable witnesses. */
    default Stream<WitnessedCheckpoint> records() {
        return Stream.empty();
    }
}
