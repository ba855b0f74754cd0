package dev.keyward.notifications.internal;

import dev.keyward.access.AccessEvents.AccessRequestClosed;
import dev.keyward.identity.PeopleService;
import org.springframework.stereotype.Component;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.modulith.events.ApplicationModuleListener;

/** The requester hears how their access request ended, once that is committed. */
@Component
@ConditionalOnProperty("spring.mail.host") // no server, nothing to deliver: nothing stored for it
class AccessNotifications {

    private final PeopleService people;
    private final Mailer mailer;

    AccessNotifications(PeopleService people, Mailer mailer) {
        this.people = people;
        this.mailer = mailer;
    }

    @ApplicationModuleListener
    void closed(AccessRequestClosed event) {
        if (!mailer.enabled()) {
            return;
        }
        people.contact(event.requester()).ifPresent(to -> mailer.send(to, "Your access request for " + event.key()
                + ": " + event.status(), event.result() + "\n\nDetails: " + mailer.link("my-requests")));
    }
}
