package dev.keyward.notifications.internal;

import dev.keyward.identity.PeopleService;
import dev.keyward.access.GrantService;
import dev.keyward.keys.KeyEvents.CryptoperiodEnding;
import dev.keyward.keys.KeyEvents.DestructionDueSoon;
import dev.keyward.keys.KeyEvents.DestructionScheduled;
import dev.keyward.keys.KeyEvents.RotationDueSoon;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * A key's owner hears before its rotation date; the owner and everyone holding a grant on a key hear before its
 * current version stops protecting new data, and when it is scheduled for destruction and again shortly before; each
 * once the change is committed.
 */
@Component
@ConditionalOnProperty("spring.mail.host") // no server, nothing to deliver: nothing stored for it
class KeyNotifications {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final PeopleService people;
    private final GrantService grants;
    private final Mailer mailer;

    KeyNotifications(PeopleService people, GrantService grants, Mailer mailer) {
        this.people = people;
        this.grants = grants;
        this.mailer = mailer;
    }

    @ApplicationModuleListener
    void rotationDueSoon(RotationDueSoon event) {
        if (!mailer.enabled()) {
            return;
        }
        people.contact(event.owner()).ifPresent(to -> mailer.send(to, "Rotation of " + event.alias() + " due in "
                + event.daysBefore() + (event.daysBefore() == 1 ? " day" : " days"), "Version " + event.version() + " of "
                + event.alias() + " reaches its rotation date on " + DAY.format(event.dueAt()) + " (UTC). On that day "
                + "Keyward asks you and a security officer to approve its rotation; you can also request it now.\n\n"
                + "Key: " + mailer.link("keys")));
    }

    @ApplicationModuleListener
    void destructionScheduled(DestructionScheduled event) {
        tellOwnerAndHolders(event.alias(), event.owner(), event.alias() + " will be destroyed on "
                + DAY.format(event.destroyAt()), event.destroyAt());
    }

    @ApplicationModuleListener
    void destructionDueSoon(DestructionDueSoon event) {
        tellOwnerAndHolders(event.alias(), event.owner(), "Reminder: " + event.alias() + " will be destroyed on "
                + DAY.format(event.destroyAt()), event.destroyAt());
    }

    @ApplicationModuleListener
    void cryptoperiodEnding(CryptoperiodEnding event) {
        String when = DAY.format(event.endsAt()) + " (UTC)";
        tellOwnerAndHolders(event.alias(), event.owner(), event.daysBefore() == 0
                ? event.alias() + " no longer protects new data"
                : event.alias() + " stops protecting new data in " + event.daysBefore()
                        + (event.daysBefore() == 1 ? " day" : " days"), "Version " + event.version() + " of "
                + event.alias() + (event.daysBefore() == 0 ? " reached" : " reaches") + " the end of its cryptoperiod on "
                + when + ". From then on Keyward refuses to encrypt, sign or MAC with it; what it protected can still be "
                + "decrypted and verified. Its owner asks for a rotation (key page → Request rotation) to get a new "
                + "version.\n\nKey: " + mailer.link("keys"));
    }

    private void tellOwnerAndHolders(String alias, String owner, String subject, Instant destroyAt) {
        tellOwnerAndHolders(alias, owner, subject, "Two security officers approved destroying " + alias + ". Since then "
                + "nobody can use it, and on " + DAY.format(destroyAt) + " (UTC) its key material is destroyed in the HSM "
                + "for good: whatever it still protects can no longer be decrypted or verified after that.\n\nIf that "
                + "would lose data, ask the key's owner or a security officer to cancel the destruction before then: "
                + mailer.link("keys"));
    }

    /** The key's owner and everyone holding a grant on it (a service account's owner for the account). */
    private void tellOwnerAndHolders(String alias, String owner, String subject, String body) {
        if (!mailer.enabled()) {
            return;
        }
        Set<String> recipients = new TreeSet<>(grants.holdersToTell(alias));
        recipients.add(owner);
        recipients.forEach(username -> people.contact(username).ifPresent(to -> mailer.send(to, subject, body)));
    }
}
