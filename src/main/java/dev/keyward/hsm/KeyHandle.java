package dev.keyward.hsm;

/**
 * What a backend tells about a key it holds: never the material.
 *
 * @param kcv       key check value, 6 hex digits (see {@link KeyCheckValues})
 * @param publicKey X.509 SubjectPublicKeyInfo of an asymmetric key, else {@code null}
 */
public record KeyHandle(String label, KeyAlgorithm algorithm, String kcv, byte[] publicKey) {
}
