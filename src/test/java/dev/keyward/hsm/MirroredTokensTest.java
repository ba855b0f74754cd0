package dev.keyward.hsm;

import dev.keyward.hsm.internal.Pkcs11HsmBackend;

/**
 * The mirrored contract and failover on two real PKCS#11 tokens (SoftHSM2), whose shared transport key the build
 * imports with softhsm2-util as an operator would in a key ceremony.
 */
class MirroredTokensTest extends MirroredHsmBackendTest {

    private static HsmBackend[] tokens;

    @Override
    HsmBackend[] pair() {
        if (tokens == null) {
            tokens = new HsmBackend[] {
                    new Pkcs11HsmBackend("token-a", Pkcs11HsmBackendTest.CONFIG, "1234".toCharArray()),
                    new Pkcs11HsmBackend("token-b", Pkcs11HsmBackendTest.CONFIG.resolveSibling("keyward-mirror.cfg"),
                            "1234".toCharArray())};
        }
        return tokens;
    }

    @Override
    String transport() {
        return "keyward-mirror-transport";
    }
}
