package dev.keyward.identity;

import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import dev.keyward.identity.internal.PersonEntity;
import dev.keyward.identity.internal.PersonRepository;
import dev.keyward.identity.internal.RetiredPasskeys;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signed-in person's passkeys. Registration itself is the WebAuthn ceremony handled by Spring Security
 * ({@code /webauthn/register}); this service lists, renames and removes, and never removes the last one. A
 * removed passkey's public key is kept (and its fingerprint audited) so what it signed stays verifiable.
 */
@Service
@Transactional
@PreAuthorize("isAuthenticated()")
public class PasskeyService {

    static final int MAX_LABEL_LENGTH = 100;

    private final PublicKeyCredentialUserEntityRepository userEntities;
    private final UserCredentialRepository credentials;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final RetiredPasskeys retired;
    private final PersonRepository people;
    private final Clock clock;

    PasskeyService(PublicKeyCredentialUserEntityRepository userEntities, UserCredentialRepository credentials,
                   CurrentUser currentUser, ApplicationEventPublisher events, RetiredPasskeys retired,
                   PersonRepository people, Clock clock) {
        this.userEntities = userEntities;
        this.credentials = credentials;
        this.currentUser = currentUser;
        this.events = events;
        this.retired = retired;
        this.people = people;
        this.clock = clock;
    }

    /** Whether the signed-in person can still sign in with a password. */
    @Transactional(readOnly = true)
    public boolean hasPassword() {
        return people.findByUsername(currentUser.requireUsername()).map(p -> p.getPasswordHash() != null).orElse(false);
    }

    /**
     * Passkeys only from now on: the signed-in person's password stops working, so nobody who chose or learnt it
     * (the administrator who made the account) can sign in as them, and their maker may decide for them again.
     * Refused without a passkey. Audited.
     */
    public void removePassword() {
        String me = currentUser.requireUsername();
        if (records(me).isEmpty()) {
            throw new ConflictException("Add a passkey first: without a password you sign in only with passkeys.");
        }
        PersonEntity person = people.findByUsername(me).orElseThrow();
        if (person.getPasswordHash() == null) {
            throw new ConflictException("You have no password; you sign in with passkeys only already.");
        }
        person.removePassword(clock.instant());
        events.publishEvent(new IdentityEvents.PasswordRemoved(me));
    }

    @Transactional(readOnly = true)
    public List<Passkey> list() {
        return records(currentUser.requireUsername()).stream().map(PasskeyService::toPasskey).toList();
    }

    /** Whether the signed-in person has enrolled at least one passkey. */
    @Transactional(readOnly = true)
    public boolean hasPasskey() {
        return !records(currentUser.requireUsername()).isEmpty();
    }

    public Passkey rename(String id, String label) {
        if (label == null || label.isBlank() || label.length() > MAX_LABEL_LENGTH
                || label.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("name", "A passkey name is 1 to " + MAX_LABEL_LENGTH + " printable characters.");
        }
        CredentialRecord renamed = ImmutableCredentialRecord.fromCredentialRecord(own(id)).label(label.strip()).build();
        credentials.save(renamed);
        events.publishEvent(new IdentityEvents.PasskeyRenamed(currentUser.requireUsername(), id, renamed.getLabel()));
        return toPasskey(renamed);
    }

    public void remove(String id) {
        CredentialRecord record = own(id);
        if (records(currentUser.requireUsername()).size() <= 1) {
            throw new ConflictException("This is your last passkey; add another before removing it.");
        }
        byte[] publicKey = record.getPublicKey().getBytes();
        retired.keep(currentUser.requireUsername(), record.getCredentialId().getBytes(), publicKey, clock.instant());
        credentials.delete(record.getCredentialId());
        events.publishEvent(new IdentityEvents.PasskeyRemoved(currentUser.requireUsername(), id, record.getLabel(),
                sha256Hex(publicKey)));
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private CredentialRecord own(String id) {
        return records(currentUser.requireUsername()).stream()
                .filter(r -> r.getCredentialId().toBase64UrlString().equals(id))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("You have no passkey with id " + id + "."));
    }

    private List<CredentialRecord> records(String username) {
        PublicKeyCredentialUserEntity entity = userEntities.findByUsername(username);
        return entity == null ? List.of() : credentials.findByUserId(entity.getId());
    }

    private static Passkey toPasskey(CredentialRecord r) {
        return new Passkey(r.getCredentialId().toBase64UrlString(), r.getLabel(), r.getCreated(), r.getLastUsed());
    }

}
