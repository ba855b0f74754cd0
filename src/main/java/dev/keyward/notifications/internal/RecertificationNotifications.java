package dev.keyward.notifications.internal;

import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Roles;
import dev.keyward.recertification.RecertificationEvents;
import dev.keyward.recertification.RecertificationEvents.CampaignLaunched;
import dev.keyward.recertification.RecertificationEvents.GrantsChangedByReview;
import dev.keyward.recertification.RecertificationEvents.ReviewersReminded;
import dev.keyward.recertification.RecertificationEvents.ReviewsEscalated;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Recertification mail, once each change is committed: reviewers hear when a campaign gives them items and when
 * they are reminded; the security officers when reviewers are late; holders (a service account's owner) and key
 * owners when a review revoked or narrowed a grant.
 */
@Component
@ConditionalOnProperty("spring.mail.host") // no server, nothing to deliver: nothing stored for it
class RecertificationNotifications {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final PeopleService people;
    private final Mailer mailer;

    RecertificationNotifications(PeopleService people, Mailer mailer) {
        this.people = people;
        this.mailer = mailer;
    }

    @ApplicationModuleListener
    void launched(CampaignLaunched event) {
        tellReviewers(event.reviewers(), "Access review: " + event.name(), event.deadlineAt(), "");
    }

    @ApplicationModuleListener
    void reminded(ReviewersReminded event) {
        tellReviewers(event.pending(), "Reminder: access review " + event.name(), event.deadlineAt(), "Reminder. ");
    }

    @ApplicationModuleListener
    void escalated(ReviewsEscalated event) {
        if (!mailer.enabled()) {
            return;
        }
        String late = event.overdue().entrySet().stream().map(e -> "  " + e.getKey() + ": " + e.getValue() + " pending")
                .collect(Collectors.joining("\n"));
        for (String officer : people.activeWithRole(Roles.SECURITY_OFFICER)) {
            people.contact(officer).ifPresent(to -> mailer.send(to, "Late reviews in " + event.name(),
                    "The campaign " + event.name() + " ends on " + DAY.format(event.deadlineAt()) + " UTC and these "
                            + "reviewers still have items pending:\n\n" + late + "\n\nRemind them, reassign their items or "
                            + "close the campaign: " + mailer.link("campaigns")));
        }
    }

    @ApplicationModuleListener
    void grantsChanged(GrantsChangedByReview event) {
        if (!mailer.enabled()) {
            return;
        }
        Map<String, List<String>> lines = new TreeMap<>();
        for (GrantsChangedByReview.Change c : event.changes()) {
            String line = c.principal() + " on " + c.key() + ": " + c.outcome()
                    + (c.reviewer() != null ? " (reviewer " + c.reviewer() + ")" : "");
            lines.computeIfAbsent(c.accountOwner() != null ? c.accountOwner() : c.principal(), k -> new ArrayList<>()).add(line);
            if (c.keyOwner() != null) {
                lines.computeIfAbsent(c.keyOwner(), k -> new ArrayList<>()).add(line);
            }
        }
        lines.forEach((who, changes) -> people.contact(who).ifPresent(to -> mailer.send(to,
                "Access changed by the review " + event.campaignName(), "The access review " + event.campaignName()
                        + " changed these grants; the changes are in force now:\n\n  "
                        + String.join("\n  ", changes.stream().distinct().toList()) + "\n\nIf access is still needed, "
                        + "ask for it again: " + mailer.link("request-access"))));
    }

    private void tellReviewers(Map<String, Long> reviewers, String subject, Instant deadline, String prefix) {
        if (!mailer.enabled()) {
            return;
        }
        reviewers.forEach((reviewer, count) -> {
            List<String> to = reviewer.equals(RecertificationEvents.OFFICERS) ? people.activeWithRole(Roles.SECURITY_OFFICER)
                    : List.of(reviewer);
            for (String who : to) {
                people.contact(who).ifPresent(contact -> mailer.send(contact, subject, prefix + count
                        + (count == 1 ? " grant waits" : " grants wait") + " for your review by "
                        + DAY.format(deadline) + " UTC: keep, reduce or revoke each, then sign your decisions with your "
                        + "passkey.\n\nMy reviews: " + mailer.link("reviews")));
            }
        });
    }
}
