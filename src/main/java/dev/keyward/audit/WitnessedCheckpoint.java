package dev.keyward.audit;

/**
 * What a witness keeps of one signed checkpoint: the checkpoint itself and, for the entries it was the first to
 * cover ({@code fromSeq} to its {@code lastSeq}), the first {@value #PREFIX} hex digits of each entry's hash. The
 * signature proves the head; the prefixes only say where a later rewrite starts.
 */
public record WitnessedCheckpoint(AuditCheckpoint checkpoint, long fromSeq, String entryHashPrefixes) {

    /** Hex digits kept per entry: 64 bits, enough to tell a rewritten entry from the original. */
    public static final int PREFIX = 16;

    public WitnessedCheckpoint {
        long covered = checkpoint.lastSeq() - fromSeq + 1;
        if (fromSeq < 1 || entryHashPrefixes.length() != covered * PREFIX) {
            throw new IllegalArgumentException("a witnessed checkpoint covers entries " + fromSeq + " to "
                    + checkpoint.lastSeq() + " but holds " + entryHashPrefixes.length() / PREFIX + " hashes");
        }
    }

    public long lastSeq() {
        return checkpoint.lastSeq();
    }

    /** The witnessed hash prefix of entry {@code seq}, or {@code null} when this record does not cover it. */
    public String prefixOf(long seq) {
        if (seq < fromSeq || seq > lastSeq()) {
            return null;
        }
        int at = (int) (seq - fromSeq) * PREFIX;
        return entryHashPrefixes.substring(at, at + PREFIX);
    }
}
