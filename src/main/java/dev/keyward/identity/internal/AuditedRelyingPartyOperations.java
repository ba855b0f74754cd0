package dev.keyward.identity.internal;

import dev.keyward.identity.IdentityEvents.Method;
import dev.keyward.identity.IdentityEvents.PasskeyAdded;
import dev.keyward.identity.IdentityEvents.SignInFailed;
import dev.keyward.identity.IdentityEvents.SignedIn;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Security's passkey ceremonies, audited: a registered passkey is stored in the same transaction as its
 * audit record, and every passkey sign-in (verified or not) is recorded before its outcome takes effect.
 */
class AuditedRelyingPartyOperations implements WebAuthnRelyingPartyOperations {

    private final WebAuthnRelyingPartyOperations delegate;
    private final PublicKeyCredentialUserEntityRepository userEntities;
    private final PersonRepository people;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    AuditedRelyingPartyOperations(WebAuthnRelyingPartyOperations delegate,
                                  PublicKeyCredentialUserEntityRepository userEntities, PersonRepository people,
                                  ApplicationEventPublisher events, TransactionTemplate transactions) {
        this.delegate = delegate;
        this.userEntities = userEntities;
        this.people = people;
        this.events = events;
        this.transactions = transactions;
    }

    @Override
    public PublicKeyCredentialCreationOptions createPublicKeyCredentialCreationOptions(
            PublicKeyCredentialCreationOptionsRequest request) {
        return delegate.createPublicKeyCredentialCreationOptions(request);
    }

    @Override
    public CredentialRecord registerCredential(RelyingPartyRegistrationRequest request) {
        return transactions.execute(status -> {
            CredentialRecord record = delegate.registerCredential(request);
            PublicKeyCredentialUserEntity user = userEntities.findById(record.getUserEntityUserId());
            events.publishEvent(new PasskeyAdded(user == null ? "unknown" : user.getName(),
                    record.getCredentialId().toBase64UrlString(), record.getLabel()));
            return record;
        });
    }

    @Override
    public PublicKeyCredentialRequestOptions createCredentialRequestOptions(PublicKeyCredentialRequestOptionsRequest request) {
        return delegate.createCredentialRequestOptions(request);
    }

    @Override
    public PublicKeyCredentialUserEntity authenticate(RelyingPartyAuthenticationRequest request) {
        PublicKeyCredentialUserEntity user;
        try {
            user = delegate.authenticate(request);
        } catch (RuntimeException e) {
            String credential = request.getPublicKey().getId();
            events.publishEvent(new SignInFailed("passkey:" + credential, Method.PASSKEY, "ASSERTION_REJECTED"));
            throw e;
        }
        try {
            String name = people.findByUsername(user.getName()).map(PersonEntity::getDisplayName).orElse(user.getName());
            events.publishEvent(new SignedIn(user.getName(), name, Method.PASSKEY));
        } catch (RuntimeException e) {
            // Fail closed: a sign-in the audit log cannot record does not happen.
            throw new InternalAuthenticationServiceException("The sign-in could not be audited", e);
        }
        return user;
    }
}
