package dev.keyward.hsm;

/** A key wrapped (AES key wrap with padding, RFC 5649) under another key, for backup or replication. */
public record WrappedKey(KeyAlgorithm algorithm, byte[] wrapped, byte[] publicKey) {
}
