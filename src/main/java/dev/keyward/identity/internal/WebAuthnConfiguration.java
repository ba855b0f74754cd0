package dev.keyward.identity.internal;

import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Passkeys: Spring Security's WebAuthn support on JDBC tables. Keyward asks for discoverable credentials and
 * requires user verification on every ceremony (Spring's default only prefers it).
 */
@Configuration
class WebAuthnConfiguration {

    @Bean
    PublicKeyCredentialUserEntityRepository userEntities(JdbcOperations jdbc) {
        return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
    }

    @Bean
    UserCredentialRepository userCredentials(JdbcOperations jdbc) {
        return new JdbcUserCredentialRepository(jdbc);
    }

    @Bean
    WebAuthnRelyingPartyOperations relyingParty(PublicKeyCredentialUserEntityRepository userEntities,
                                                UserCredentialRepository credentials, IdentityProperties properties,
                                                ApplicationEventPublisher events, PlatformTransactionManager transactions,
                                                PersonRepository people) {
        var settings = properties.webauthn();
        var rp = PublicKeyCredentialRpEntity.builder().id(settings.rpId()).name(settings.rpName()).build();
        var operations = new Webauthn4JRelyingPartyOperations(userEntities, credentials, rp, Set.copyOf(settings.origins()));
        operations.setCustomizeCreationOptions(options -> options.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                .residentKey(ResidentKeyRequirement.REQUIRED)
                .userVerification(UserVerificationRequirement.REQUIRED)
                .build()));
        operations.setCustomizeRequestOptions(options -> options.userVerification(UserVerificationRequirement.REQUIRED));
        return new AuditedRelyingPartyOperations(operations, userEntities, people, events,
                new TransactionTemplate(transactions));
    }
}
