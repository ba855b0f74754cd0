package dev.keyward.access.ui;

import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.spring.annotation.SpringComponent;
import dev.keyward.access.AccessRequest;
import dev.keyward.access.AccessRequestService;
import dev.keyward.access.AccessReview;
import dev.keyward.approvals.InboxItem;
import dev.keyward.approvals.SubjectCard;
import dev.keyward.common.ui.Badges.Tone;
import dev.keyward.common.ui.Badges;
import dev.keyward.common.ui.PersonLabel;
import dev.keyward.common.ui.ViewerTime;
import dev.keyward.identity.PeopleService;
import java.util.List;
import java.util.Map;

/** An access request in the Approvals inbox: who, for whom, which key, what, how long, why, what they hold, warnings. */
@SpringComponent
class AccessRequestCard implements SubjectCard {

    private final AccessRequestService requests;
    private final PeopleService people;

    AccessRequestCard(AccessRequestService requests, PeopleService people) {
        this.requests = requests;
        this.people = people;
    }

    @Override
    public String subjectType() {
        return AccessRequest.SUBJECT_TYPE;
    }

    @Override
    public void render(InboxItem item, VerticalLayout card) {
        AccessReview review = requests.review(item.subjectId());
        AccessRequest request = review.request();
        @SuppressWarnings("unchecked")
        Map<String, Object> key = (Map<String, Object>) item.facts().get("key");
        Map<String, String> names = people.displayNames(List.of(request.requester(), request.beneficiary()));
        String requester = PersonLabel.of(request.requester(), names);
        String beneficiary = PersonLabel.of(request.beneficiary(), names);
        card.getElement().setAttribute("data-key", request.key());
        card.add(new H3(requester + " asks for " + Ui.permissions(request.permissions()) + " on " + request.key()));
        card.add(new Span("Key: " + request.key() + " · " + key.get("sensitivity") + " · " + key.get("purpose")
                + " · owner " + key.get("owner")));
        card.add(new Span("For " + beneficiary + ", " + request.durationDays() + " days from approval"
                + (request.ticket() != null ? " · ticket " + request.ticket() : "")));
        card.add(new Paragraph("“" + request.justification() + "”"));
        card.add(new Span(review.currentGrants().isEmpty() ? beneficiary + " holds no grant on this key now."
                : beneficiary + " holds now: " + review.currentGrants().stream()
                .map(g -> Ui.permissions(g.permissions()) + " until " + ViewerTime.day(g.validUntil())).toList()));
        review.warnings().forEach(w -> {
            var warning = Badges.of(w, Tone.ERROR);
            warning.addClassName("approval-warning");
            card.add(warning);
        });
    }
}
