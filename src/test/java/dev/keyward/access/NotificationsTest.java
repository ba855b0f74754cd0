package dev.keyward.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.access.AccessFixture.Cast;
import dev.keyward.approvals.Decision;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.Workflows;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * E-mail through a real (in-process) SMTP server: approvers hear when a decision waits for them and again at the
 * reminder; the requester hears how the request ended.
 */
class NotificationsTest extends IntegrationTest {

    @Autowired
    AccessFixture fixture;
    @Autowired
    Workflows workflows;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    org.springframework.modulith.events.IncompleteEventPublications incomplete;
    @Autowired
    dev.keyward.approvals.ApprovalService approvals;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void approversAreAskedAndRemindedAndTheRequesterHearsTheOutcome() {
        Cast cast = fixture.cast();
        String key = fixture.activeKey(Sensitivity.MEDIUM, cast.owner(), cast.officer1());
        AccessRequest request = fixture.request(cast.requester(), key);

        String asks = cast.requester() + " asks for Encrypt on " + key + " (MEDIUM)";
        MimeMessage asked = awaitMail(cast.manager(), "Decision needed: " + asks);
        assertThat(body(asked)).contains(asks, "/approvals");
        awaitMail(cast.owner(), "Decision needed: " + asks);

        fixture.decide(cast.manager(), request.id(), Decision.APPROVE, null);
        clock.set(request.approval().remindAt().plusSeconds(1));
        workflows.fireTimersDueBy(request.id(), clock.instant());
        awaitMail(cast.owner(), "Reminder: decision still needed: " + asks);
        assertThat(mailsTo(cast.manager())).as("the manager has decided; no reminder")
                .noneMatch(m -> subject(m).contains("Reminder"));

        fixture.decide(cast.owner(), request.id(), Decision.APPROVE, null);
        workflows.runDueJobs();
        MimeMessage outcome = awaitMail(cast.requester(), "Your access request for " + key + ": GRANTED");
        assertThat(body(outcome)).contains("Granted until", "/my-requests");
    }

    @Test
    void aReminderThatCouldNotGoOutIsSentWhenTheNodeStartsAgain() {
        Cast cast = fixture.cast();
        String key = fixture.activeKey(Sensitivity.LOW, cast.owner(), cast.officer1());
        AccessRequest request = fixture.request(cast.requester(), key);
        String asks = cast.requester() + " asks for Encrypt on " + key + " (LOW)";
        awaitMail(cast.manager(), "Decision needed: " + asks);
        // Between the commit that fires the reminder and its e-mail, the mail cannot go out (as if the node died).
        jdbc.update("update identity_person set email = ? where username = ?", "no address at all", cast.manager());

        clock.set(request.approval().remindAt().plusSeconds(1));
        workflows.fireTimersDueBy(request.id(), clock.instant());
        String publication = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForList(
                "select id from event_publication where event_type like '%ApproversReminded' and completion_date is null "
                        + "and serialized_event like ?", String.class, "%" + request.approval().id() + "%"), l -> !l.isEmpty())
                .get(0);
        assertThat(mailsTo(cast.manager())).noneMatch(m -> subject(m).contains("Reminder"));

        jdbc.update("update identity_person set email = ? where username = ?", cast.manager() + "@test.example",
                cast.manager());
        incomplete.resubmitIncompletePublications(p -> p.getIdentifier().toString().equals(publication));
        awaitMail(cast.manager(), "Reminder: decision still needed: " + asks);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select completion_date from event_publication where id = ?", java.sql.Timestamp.class,
                java.util.UUID.fromString(publication)) != null);
        fixture.as(cast.requester());
        approvals.withdraw(request.approval().id());
    }

    private static MimeMessage awaitMail(String username, String subject) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(username).stream()
                .filter(m -> subject(m).equals("[Keyward] " + subject)).findFirst().orElse(null), m -> m != null);
    }

    private static List<MimeMessage> mailsTo(String username) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().equals(username + "@test.example"));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage message) {
        try {
            return String.valueOf(message.getContent());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
