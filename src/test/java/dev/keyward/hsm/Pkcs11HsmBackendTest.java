package dev.keyward.hsm;

import dev.keyward.hsm.internal.Pkcs11HsmBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The contract on a real PKCS#11 token: SoftHSM2 through the JDK's SunPKCS11 (token made by the build). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Pkcs11HsmBackendTest implements HsmBackendContract {

    static final Path CONFIG = Path.of("target", "softhsm", "keyward-test.cfg");
    Pkcs11HsmBackend backend;

    @BeforeAll
    void connect() {
        backend = new Pkcs11HsmBackend("pkcs11", CONFIG, "1234".toCharArray());
    }

    @Override
    public HsmBackend backend() {
        return backend;
    }
}
