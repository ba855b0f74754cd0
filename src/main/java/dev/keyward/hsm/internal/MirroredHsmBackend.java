package dev.keyward.hsm.internal;

import static dev.keyward.hsm.HsmException.Kind.UNAVAILABLE;

import dev.keyward.hsm.HsmBackend;
import dev.keyward.hsm.HsmException;
import dev.keyward.hsm.HsmHealth;
import dev.keyward.hsm.KeyAlgorithm;
import dev.keyward.hsm.KeyHandle;
import dev.keyward.hsm.WrappedKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two HSMs as one. Keys are created on the primary and copied to the secondary by wrapping under a transport key
 * both hold (provisioned out of band, as in a key ceremony). Operations go to the primary; when it is unavailable
 * they fail over to the secondary, and the primary is tried again after {@code retryAfter}, so they fail back
 * once it recovers.
 */
public class MirroredHsmBackend implements HsmBackend {

    private static final Logger log = LoggerFactory.getLogger(MirroredHsmBackend.class);

    private final HsmBackend primary;
    private final HsmBackend secondary;
    private final String transportLabel;
    private final Clock clock;
    private final Duration retryAfter;
    /** When the primary last failed, or null while it is healthy. */
    private final AtomicReference<Instant> primaryDownSince = new AtomicReference<>();

    public MirroredHsmBackend(HsmBackend primary, HsmBackend secondary, String transportLabel, Clock clock,
                              Duration retryAfter) {
        this.primary = primary;
        this.secondary = secondary;
        this.transportLabel = transportLabel;
        this.clock = clock;
        this.retryAfter = retryAfter;
        requireSameTransportKey();
    }

    /** Copies would fail (or worse, differ) without one transport key on both sides: refuse to start instead. */
    private void requireSameTransportKey() {
        String first = primary.find(transportLabel).map(KeyHandle::kcv).orElse(null);
        String second = secondary.find(transportLabel).map(KeyHandle::kcv).orElse(null);
        if (first == null || second == null) {
            throw new HsmSetupException("The mirrored HSMs need the transport key '" + transportLabel + "' on both "
                    + "sides, but " + (first == null ? primary.name() : secondary.name()) + " has none.",
                    "Import one AES-256 key under that label into both tokens in a key ceremony (see docs/keys-and-hsm.md).");
        }
        if (!first.equals(second)) {
            throw new HsmSetupException("The transport key '" + transportLabel + "' differs between " + primary.name()
                    + " (check value " + first + ") and " + secondary.name() + " (check value " + second + "); keys "
                    + "cannot be mirrored.", "Import the same AES-256 key into both tokens (see docs/keys-and-hsm.md).");
        }
    }

    @Override
    public String name() {
        return "mirrored(" + primary.name() + "," + secondary.name() + ")";
    }

    /** Created on the primary, then mirrored; a failed copy fails the call, and a retry completes it. */
    @Override
    public KeyHandle generate(String label, KeyAlgorithm algorithm) {
        KeyHandle handle = primary.generate(label, algorithm);
        mirror(label, handle);
        return handle;
    }

    @Override
    public Optional<KeyHandle> find(String label) {
        return call(b -> b.find(label));
    }

    @Override
    public byte[] encrypt(String label, byte[] plaintext, byte[] associatedData) {
        return call(b -> b.encrypt(label, plaintext, associatedData));
    }

    @Override
    public byte[] decrypt(String label, byte[] ivCiphertextTag, byte[] associatedData) {
        return call(b -> b.decrypt(label, ivCiphertextTag, associatedData));
    }

    @Override
    public byte[] sign(String label, byte[] message) {
        return call(b -> b.sign(label, message));
    }

    @Override
    public boolean verify(String label, byte[] message, byte[] signature) {
        return call(b -> b.verify(label, message, signature));
    }

    @Override
    public byte[] signDigest(String label, byte[] sha256) {
        return call(b -> b.signDigest(label, sha256));
    }

    @Override
    public boolean verifyDigest(String label, byte[] sha256, byte[] signature) {
        return call(b -> b.verifyDigest(label, sha256, signature));
    }

    @Override
    public byte[] mac(String label, byte[] message) {
        return call(b -> b.mac(label, message));
    }

    @Override
    public boolean verifyMac(String label, byte[] message, byte[] mac) {
        return call(b -> b.verifyMac(label, message, mac));
    }

    @Override
    public WrappedKey wrap(String wrappingLabel, String label) {
        return call(b -> b.wrap(wrappingLabel, label));
    }

    @Override
    public KeyHandle unwrap(String wrappingLabel, WrappedKey key, String newLabel) {
        KeyHandle handle = primary.unwrap(wrappingLabel, key, newLabel);
        mirror(newLabel, handle);
        return handle;
    }

    /** Destroyed on both; a side that cannot be reached fails the call (and a retry finishes the job). */
    @Override
    public void destroy(String label) {
        primary.destroy(label);
        secondary.destroy(label);
    }

    @Override
    public HsmHealth health() {
        HsmHealth first = primary.health();
        HsmHealth second = secondary.health();
        boolean serving = first.up() || second.up();
        return new HsmHealth(name(), serving, "primary " + primary.name() + (first.up() ? " up" : " DOWN (" + first.detail() + ")")
                + "; secondary " + secondary.name() + (second.up() ? " up" : " DOWN (" + second.detail() + ")")
                + (primaryDownSince.get() != null ? "; serving from the secondary since " + primaryDownSince.get() : ""));
    }

    private void mirror(String label, KeyHandle handle) {
        try {
            if (secondary.find(label).isEmpty()) {
                KeyHandle copy = secondary.unwrap(transportLabel, primary.wrap(transportLabel, label), label);
                if (!copy.kcv().equals(handle.kcv())) {
                    secondary.destroy(label);
                    throw new HsmException(UNAVAILABLE, "The copy of '" + label + "' on " + secondary.name()
                            + " has check value " + copy.kcv() + ", not " + handle.kcv() + "; it was removed.");
                }
            }
        } catch (HsmException e) {
            if (e.kind() == UNAVAILABLE) {
                throw new HsmException(UNAVAILABLE, "Key '" + label + "' exists on " + primary.name() + " but could not "
                        + "be mirrored to " + secondary.name() + "; retry to complete the copy.", e);
            }
            throw e;
        }
    }

    private <T> T call(Function<HsmBackend, T> operation) {
        Instant downSince = primaryDownSince.get();
        if (downSince == null || !clock.instant().isBefore(downSince.plus(retryAfter))) {
            try {
                T result = operation.apply(primary);
                if (downSince != null && primaryDownSince.compareAndSet(downSince, null)) {
                    log.info("HSM {} is back; serving from it again", primary.name());
                }
                return result;
            } catch (HsmException e) {
                if (e.kind() != UNAVAILABLE) {
                    throw e;
                }
                if (primaryDownSince.compareAndSet(downSince, clock.instant())) {
                    log.warn("HSM {} is unavailable ({}); failing over to {}", primary.name(), e.getMessage(), secondary.name());
                }
            }
        }
        return operation.apply(secondary);
    }
}
