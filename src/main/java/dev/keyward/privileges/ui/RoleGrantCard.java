package dev.keyward.privileges.ui;

import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.spring.annotation.SpringComponent;
import dev.keyward.approvals.InboxItem;
import dev.keyward.approvals.SubjectCard;
import dev.keyward.common.ui.Badges.Tone;
import dev.keyward.common.ui.Badges;
import dev.keyward.common.ui.PersonLabel;
import dev.keyward.common.ui.Words;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Person;
import dev.keyward.identity.PersonStatus;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A privileged role request in the Approvals inbox: who asks what for whom, why, and what the person holds now. */
@SpringComponent
class RoleGrantCard implements SubjectCard {

    private final PeopleService people;

    RoleGrantCard(PeopleService people) {
        this.people = people;
    }

    @Override
    public String subjectType() {
        return "role-grant";
    }

    @Override
    public void render(InboxItem item, VerticalLayout card) {
        String role = (String) item.facts().get("role");
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = (Map<String, Object>) item.facts().get("person");
        String username = (String) facts.get("username");
        Map<String, String> names = people.displayNames(List.of(item.requester(), username));
        card.getElement().setAttribute("data-person", username);
        card.add(new H3(PersonLabel.of(item.requester(), names) + " asks for " + Words.of(role) + " for "
                + PersonLabel.of(username, names)));
        Person person = people.lookup(username).orElse(null);
        card.add(new Span("Holds now: " + (person == null ? "—" : person.roles().stream().sorted().map(Words::of)
                .collect(Collectors.joining(", "))) + (facts.get("department") != null ? " · " + facts.get("department") : "")));
        card.add(new Paragraph("“" + item.facts().get("reason") + "”"));
        card.add(Badges.of("Privileged role: it takes two approvers, neither the requester nor " + username, Tone.WARNING));
        if (person != null && person.status() != PersonStatus.ACTIVE) {
            card.add(Badges.of(username + " is " + Words.of(person.status()).toLowerCase() + " now", Tone.ERROR));
        }
    }
}
