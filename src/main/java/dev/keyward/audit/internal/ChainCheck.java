package dev.keyward.audit.internal;

import dev.keyward.audit.AuditFilter;
import dev.keyward.audit.AuditVerification;
import dev.keyward.audit.CheckpointSigner;
import dev.keyward.audit.CheckpointWitness;
import dev.keyward.audit.WitnessedCheckpoint;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** Verifies the whole chain against the database's checkpoints and the first readable witness. */
@Component
public class ChainCheck {

    private final AuditStore store;
    private final CheckpointSigner signer;
    private final List<CheckpointWitness> witnesses;

    ChainCheck(AuditStore store, CheckpointSigner signer, List<CheckpointWitness> witnesses) {
        this.store = store;
        this.signer = signer;
        this.witnesses = witnesses;
    }

    /** Call inside a transaction; {@code progress} hears the number of entries checked every {@code step}. */
    public AuditVerification verify(int step, LongConsumer progress) {
        Optional<CheckpointWitness> witness = witnesses.stream().filter(CheckpointWitness::readable).findFirst();
        var verifier = new ChainVerifier(store.checkpoints(), signer.publicKey());
        try (var witnessed = witness.map(CheckpointWitness::records).orElseGet(Stream::empty);
             var prefixes = witness.map(CheckpointWitness::records).orElseGet(Stream::empty)) {
            verifier.witnessedBy(witnessed.map(WitnessedCheckpoint::checkpoint).toList(), prefixes.iterator());
            long[] seen = {0};
            store.stream(AuditFilter.ALL, entry -> {
                if (++seen[0] % step == 0) {
                    progress.accept(seen[0]);
                }
                return verifier.accept(entry);
            });
        }
        return verifier.result();
    }

    public List<CheckpointWitness> witnesses() {
        return witnesses;
    }
}
