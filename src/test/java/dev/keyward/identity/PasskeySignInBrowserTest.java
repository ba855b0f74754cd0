package dev.keyward.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.support.IntegrationTest;
import dev.keyward.support.browser.Browser;
import dev.keyward.support.browser.Pages.HomePage;
import dev.keyward.support.browser.Pages.LoginPage;
import dev.keyward.support.browser.Pages.PasskeyEnrollmentPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

/** Acceptance 2 of the foundation: password once, forced passkey enrolment, then passkey-only sign-in. */
class PasskeySignInBrowserTest extends IntegrationTest {

    @Autowired
    PublicKeyCredentialUserEntityRepository userEntities;
    @Autowired
    UserCredentialRepository credentials;

    @BeforeEach
    void aliceHasNoPasskeyYet() {
        var alice = userEntities.findByUsername("alice");
        if (alice != null) {
            credentials.findByUserId(alice.getId()).forEach(c -> credentials.delete(c.getCredentialId()));
        }
    }

    @Test
    void passwordSignInForcesPasskeyEnrolmentThenPasskeyAloneSignsIn() {
        Credential passkey;
        try (Browser first = new Browser(baseUrl())) {
            var login = LoginPage.open(first);
            assertThat(login.showsDemoHint()).isTrue();
            first.screenshot("login");
            login.signInWithPassword("alice", "keyward-demo");

            var enrollment = PasskeyEnrollmentPage.await(first);
            assertThat(enrollment.path()).endsWith("/enroll-passkey");
            first.open("/my-security");
            enrollment = PasskeyEnrollmentPage.await(first);
            assertThat(enrollment.path()).as("no other view before a passkey exists").endsWith("/enroll-passkey");
            first.screenshot("enroll-passkey");
            enrollment.createPasskey("Alice's laptop");

            var home = HomePage.await(first);
            assertThat(home.greeting()).isEqualTo("Hello, Alice Adams");
            first.screenshot("home");
            assertThat(first.passkeys()).hasSize(1);
            passkey = first.passkeys().get(0);
            assertThat(passkey.isResidentCredential()).isTrue();
            home.signOut();
        }

        assertThat(credentials.findByUserId(userEntities.findByUsername("alice").getId()))
                .extracting(c -> c.getLabel()).containsExactly("Alice's laptop");

        try (Browser fresh = new Browser(baseUrl())) {
            fresh.importPasskey(passkey);
            LoginPage.open(fresh).signInWithPasskey();
            var home = HomePage.await(fresh);
            assertThat(home.greeting()).isEqualTo("Hello, Alice Adams");
            assertThat(home.signedInAs()).contains("Alice Adams").contains("Employee");
        }
    }
}
