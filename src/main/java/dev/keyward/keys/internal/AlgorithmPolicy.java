package dev.keyward.keys.internal;

import dev.keyward.common.InvalidInputException;
import dev.keyward.hsm.KeyAlgorithm;
import dev.keyward.keys.KeyPurpose;
import java.util.Arrays;
import java.util.Locale;

/** Refuses weak or unfitting algorithms with a reason people understand, before anything reaches the HSM. */
final class AlgorithmPolicy {

    private AlgorithmPolicy() {
    }

    static KeyAlgorithm check(String name, KeyPurpose purpose) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("algorithm", "Choose an algorithm: " + Arrays.toString(KeyAlgorithm.values()) + ".");
        }
        String n = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (n.matches("RSA_?(512|768|1024|1536|2048)")) {
            throw new InvalidInputException("algorithm", "RSA keys must have at least 3072 bits (NIST SP 800-57); use RSA_3072 or RSA_4096.");
        }
        if (n.contains("SHA1") || n.contains("SHA_1")) {
            throw new InvalidInputException("algorithm", "SHA-1 is no longer acceptable; Keyward uses SHA-256 or stronger.");
        }
        if (n.contains("ECB")) {
            throw new InvalidInputException("algorithm", "ECB mode leaks patterns in the data; Keyward encrypts with AES-GCM.");
        }
        if (n.startsWith("DES") || n.contains("3DES") || n.contains("TDES") || n.contains("TRIPLE")) {
            throw new InvalidInputException("algorithm", "DES and Triple-DES are retired; use AES_256.");
        }
        if (n.contains("P192") || n.contains("P_192") || n.contains("SECP192")) {
            throw new InvalidInputException("algorithm", "P-192 is too weak; use EC_P256 or EC_P384.");
        }
        KeyAlgorithm algorithm;
        try {
            algorithm = KeyAlgorithm.valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("algorithm", "Unknown algorithm '" + name + "'; choose one of "
                    + Arrays.toString(KeyAlgorithm.values()) + ".");
        }
        boolean fits = switch (purpose) {
            case ENCRYPT, WRAP -> algorithm == KeyAlgorithm.AES_256;
            case MAC -> algorithm == KeyAlgorithm.HMAC_SHA256;
            case SIGN -> algorithm.isAsymmetric();
        };
        if (!fits) {
            throw new InvalidInputException("algorithm", algorithm + " does not fit purpose " + purpose + ": ENCRYPT and WRAP take "
                    + "AES_256, MAC takes HMAC_SHA256, SIGN takes EC_P256, EC_P384, RSA_3072 or RSA_4096.");
        }
        return algorithm;
    }
}
