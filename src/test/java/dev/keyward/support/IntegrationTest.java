package dev.keyward.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.keyward.access.AccessFixture;
import dev.keyward.audit.AuditTestSupport;
import dev.keyward.crypto.CryptoFixture;
import dev.keyward.hsm.FailingBackend;
import dev.keyward.hsm.HsmBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context the integration tests share: the whole app on a real port (WebAuthn needs the
 * exact origin), the test database of the active profile (H2, or PostgreSQL with -Ppostgres), the demo people,
 * and a clock that tests move.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureMockMvc
@Import({IntegrationTest.TestClockConfiguration.class, TestPeople.class, AuditTestSupport.class, Workflows.class,
        AccessFixture.class, CryptoFixture.class})
public abstract class IntegrationTest {

    public static final int PORT = freePort();
    /** An in-process SMTP server that receives Keyward's e-mail (one for the whole test run). */
    public static final GreenMail MAIL = startMail();

    @Autowired
    protected MutableClock clock;

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        if (System.getProperty("bench") == null) {
            // Benchmarks measure Keyward, not an SMTP server sharing its JVM: they run with e-mail off.
            registry.add("spring.mail.host", () -> "127.0.0.1");
            registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        }
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    protected static String baseUrl() {
        return "http://localhost:" + PORT;
    }

    private static GreenMail startMail() {
        GreenMail mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClockConfiguration {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }

        /**
         * The HSM sits behind a switch ({@link FailingBackend#down}), so a test can cut it off; benchmarks measure
         * the backend as it is.
         */
        @Bean
        static BeanPostProcessor switchableHsm() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    boolean wrap = bean instanceof HsmBackend && !(bean instanceof FailingBackend)
                            && System.getProperty("bench") == null;
                    return wrap ? new FailingBackend((HsmBackend) bean) : bean;
                }
            };
        }
    }
}
