package dev.keyward.notifications.internal;

import dev.keyward.identity.PeopleService;
import dev.keyward.keys.KeyEvents.RotationDueSoon;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** A key's owner hears before its rotation date, once that notice is committed. */
@Component
class KeyNotifications {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final PeopleService people;
    private final Mailer mailer;

    KeyNotifications(PeopleService people, Mailer mailer) {
        this.people = people;
        this.mailer = mailer;
    }

    @TransactionalEventListener
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
}
