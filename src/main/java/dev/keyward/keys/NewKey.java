package dev.keyward.keys;

/** A request for a new key; {@code algorithm} is a name like {@code AES_256} checked by the algorithm policy. */
public record NewKey(String alias, String algorithm, KeyPurpose purpose, Sensitivity sensitivity, String owner,
                     String description) {
}
