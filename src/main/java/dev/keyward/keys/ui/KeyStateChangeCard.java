package dev.keyward.keys.ui;

import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.spring.annotation.SpringComponent;
import dev.keyward.approvals.InboxItem;
import dev.keyward.approvals.SubjectCard;
import dev.keyward.common.ui.PersonLabel;
import dev.keyward.identity.PeopleService;
import dev.keyward.keys.KeyState;
import java.util.List;
import java.util.Map;

/** Re-activating or deactivating a key in the Approvals inbox: which key, which move, why, and what it means. */
@SpringComponent
class KeyStateChangeCard implements SubjectCard {

    private final PeopleService people;

    KeyStateChangeCard(PeopleService people) {
        this.people = people;
    }

    @Override
    public String subjectType() {
        return "key-state-change";
    }

    @Override
    @SuppressWarnings("unchecked")
    public void render(InboxItem item, VerticalLayout card) {
        Map<String, Object> key = (Map<String, Object>) item.facts().get("key");
        String alias = (String) key.get("alias");
        KeyState from = KeyState.valueOf((String) item.facts().get("from"));
        KeyState to = KeyState.valueOf((String) item.facts().get("to"));
        Map<String, String> names = people.displayNames(List.of(item.requester(), (String) key.get("owner")));
        card.getElement().setAttribute("data-key", alias);
        card.add(new H3(PersonLabel.of(item.requester(), names) + " asks to "
                + (to == KeyState.ACTIVE ? "re-activate " : "deactivate ") + alias));
        card.add(new Span("Key: " + alias + " · " + key.get("sensitivity") + " · " + key.get("algorithm") + " · owner "
                + PersonLabel.of((String) key.get("owner"), names) + " · " + from.label() + " → " + to.label()));
        card.add(new Paragraph("“" + item.facts().get("reason") + "”"));
        card.add(new Span(to == KeyState.ACTIVE
                ? "Once approved, the key encrypts, signs and MACs again for everyone whose grants allow it."
                : "Once approved, the key stops protecting new data for good; what it protected can still be decrypted and "
                + "verified."));
    }
}
