package dev.keyward.hsm;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real backend behind a switch that makes it unreachable (an HSM outage cannot be caused for real in a test
 * process), counting the calls it served.
 */
public class FailingBackend implements HsmBackend {

    private final HsmBackend delegate;
    public final AtomicBoolean down = new AtomicBoolean();
    /** Another backend to serve in the delegate's place (a mirrored pair, say), until set back to null. */
    public final AtomicReference<HsmBackend> replacement = new AtomicReference<>();
    public final AtomicInteger served = new AtomicInteger();

    public FailingBackend(HsmBackend delegate) {
        this.delegate = delegate;
    }

    private HsmBackend up() {
        if (down.get()) {
            throw new HsmException(HsmException.Kind.UNAVAILABLE, delegate.name() + " does not answer");
        }
        served.incrementAndGet();
        HsmBackend instead = replacement.get();
        return instead != null ? instead : delegate;
    }

    @Override public String name() { return delegate.name(); }
    @Override public KeyHandle generate(String label, KeyAlgorithm algorithm) { return up().generate(label, algorithm); }
    @Override public Optional<KeyHandle> find(String label) { return up().find(label); }
    @Override public byte[] encrypt(String label, byte[] p, byte[] aad) { return up().encrypt(label, p, aad); }
    @Override public byte[] decrypt(String label, byte[] c, byte[] aad) { return up().decrypt(label, c, aad); }
    @Override public byte[] sign(String label, byte[] m) { return up().sign(label, m); }
    @Override public boolean verify(String label, byte[] m, byte[] s) { return up().verify(label, m, s); }
    @Override public byte[] signDigest(String label, byte[] d) { return up().signDigest(label, d); }
    @Override public boolean verifyDigest(String label, byte[] d, byte[] s) { return up().verifyDigest(label, d, s); }
    @Override public byte[] mac(String label, byte[] m) { return up().mac(label, m); }
    @Override public boolean verifyMac(String label, byte[] m, byte[] mac) { return up().verifyMac(label, m, mac); }
    @Override public WrappedKey wrap(String w, String label) { return up().wrap(w, label); }
    @Override public KeyHandle unwrap(String w, WrappedKey k, String label) { return up().unwrap(w, k, label); }
    @Override public void destroy(String label) { up().destroy(label); }

    @Override
    public HsmHealth health() {
        return down.get() ? new HsmHealth(name(), false, "switched off by the test") : delegate.health();
    }
}
