package dev.keyward.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import dev.keyward.support.browser.Browser;
import dev.keyward.support.browser.Pages.AuditLogPage;
import dev.keyward.support.browser.Pages.HomePage;
import dev.keyward.support.browser.Pages.LoginPage;
import dev.keyward.support.browser.Pages.PasskeyEnrollmentPage;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

/** Erin, the auditor, reads, filters, verifies and exports the log in the browser; employees never see it. */
class AuditLogBrowserTest extends IntegrationTest {

    @Autowired
    AuditTestSupport audit;
    @Autowired
    TestPeople testPeople;
    @Autowired
    PublicKeyCredentialUserEntityRepository userEntities;
    @Autowired
    UserCredentialRepository credentials;
    @TempDir
    Path dir;

    @BeforeEach
    void erinHasNoPasskeyYet() {
        var erin = userEntities.findByUsername("erin");
        if (erin != null) {
            credentials.findByUserId(erin.getId()).forEach(c -> credentials.delete(c.getCredentialId()));
        }
    }

    @Test
    void erinBrowsesVerifiesAndExportsTheLog() throws Exception {
        try (Browser browser = new Browser(baseUrl())) {
            LoginPage.open(browser).signInWithPassword("erin", "keyward-demo");
            PasskeyEnrollmentPage.await(browser).createPasskey("Erin's laptop");
            assertThat(HomePage.await(browser).menuText()).contains("Audit log");
            audit.sealAll();

            var page = AuditLogPage.open(browser);
            assertThat(page.showsWithin("identity.passkey.added", Duration.ofSeconds(10))).isTrue();
            page.filterByAction("identity.sign-in");
            assertThat(page.showsWithin("Erin Evans (erin)", Duration.ofSeconds(10))).isTrue();
            assertThat(page.rowsText()).doesNotContain("identity.passkey.added");

            assertThat(page.verify()).startsWith("Verified:").contains("entries intact");
            browser.screenshot("audit-log");

            String ndjson = page.download("export-ndjson");
            assertThat(ndjson.lines().filter(l -> l.contains("\"type\":\"entry\""))).isNotEmpty()
                    .allSatisfy(l -> assertThat(l).contains("\"action\":\"identity.sign-in\""));
            String csv = page.download("export-csv");
            assertThat(csv).startsWith("seq,occurredAt,actorId").contains("identity.sign-in");
            String pem = page.download("export-public-key");
            assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
        }
        audit.sealAll();
        assertThat(audit.entries("audit.log.exported")).extracting(r -> r.get("actor_id")).contains("erin");
    }

    @Test
    void employeesHaveNoAuditView() {
        try (Browser browser = new Browser(baseUrl())) {
            LoginPage.open(browser).signInWithPassword(testPeople.create("employee"), TestPeople.PASSWORD);
            PasskeyEnrollmentPage.await(browser).createPasskey("Key");
            assertThat(HomePage.await(browser).menuText()).doesNotContain("Audit log");
        }
    }
}
