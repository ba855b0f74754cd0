package dev.keyward.hsm;

import dev.keyward.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The contract on the software backend, with its keys wrapped in the test database. */
class SoftHsmBackendTest extends IntegrationTest implements HsmBackendContract {

    @Autowired
    HsmBackend soft;

    @Override
    public HsmBackend backend() {
        return soft;
    }
}
