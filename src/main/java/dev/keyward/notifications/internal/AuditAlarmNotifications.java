package dev.keyward.notifications.internal;

import dev.keyward.audit.AuditChainBroken;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Roles;
import org.springframework.stereotype.Component;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.modulith.events.ApplicationModuleListener;

/** Security officers hear at once when the audit chain stops extending its last checkpoint. */
@Component
@ConditionalOnProperty("spring.mail.host") // no server, nothing to deliver: nothing stored for it
class AuditAlarmNotifications {

    private final PeopleService people;
    private final Mailer mailer;

    AuditAlarmNotifications(PeopleService people, Mailer mailer) {
        this.people = people;
        this.mailer = mailer;
    }

    @ApplicationModuleListener
    void chainBroken(AuditChainBroken event) {
        if (!mailer.enabled()) {
            return;
        }
        String body = "Keyward stopped signing audit checkpoints: " + event.problem() + ".\n\n"
                + "The break starts at entry " + event.fromSequence() + ". Somebody with access to the database may "
                + "have removed or rewritten audit entries. Verify the log, compare it with the witness, and keep the "
                + "database as it is for the investigation.\n\nAudit log: " + mailer.link("audit");
        for (String officer : people.activeWithRole(Roles.SECURITY_OFFICER)) {
            people.contact(officer).ifPresent(to -> mailer.send(to, "Audit log alarm: checkpoints stopped", body));
        }
    }
}
