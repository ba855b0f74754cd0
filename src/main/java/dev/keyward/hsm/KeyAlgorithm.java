package dev.keyward.hsm;

/** The key types Keyward manages; anything weaker is refused before it reaches a backend. */
public enum KeyAlgorithm {
    AES_256(false), HMAC_SHA256(false), EC_P256(true), EC_P384(true), RSA_3072(true), RSA_4096(true);

    private final boolean asymmetric;

    KeyAlgorithm(boolean asymmetric) {
        this.asymmetric = asymmetric;
    }

    public boolean isAsymmetric() {
        return asymmetric;
    }
}
