package dev.keyward.keys.ui;

import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.spring.annotation.SpringComponent;
import dev.keyward.approvals.InboxItem;
import dev.keyward.approvals.SubjectCard;
import dev.keyward.common.ui.Badges;
import dev.keyward.common.ui.Badges.Tone;
import dev.keyward.common.ui.PersonLabel;
import dev.keyward.identity.PeopleService;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A key destruction in the Approvals inbox: which key and versions, why, how long the wait, and, set apart, what
 * still relied on the key when it was asked and the override the approver signs with it.
 */
@SpringComponent
class KeyDestructionCard implements SubjectCard {

    private final PeopleService people;

    KeyDestructionCard(PeopleService people) {
        this.people = people;
    }

    @Override
    public String subjectType() {
        return "key-destruction";
    }

    @Override
    @SuppressWarnings("unchecked")
    public void render(InboxItem item, VerticalLayout card) {
        Map<String, Object> key = (Map<String, Object>) item.facts().get("key");
        List<Map<String, Object>> versions = (List<Map<String, Object>>) item.facts().get("versions");
        List<String> inUse = (List<String>) item.facts().getOrDefault("inUse", List.of());
        String alias = (String) key.get("alias");
        Map<String, String> names = people.displayNames(List.of(item.requester(), (String) key.get("owner")));
        card.getElement().setAttribute("data-key", alias);
        card.add(new H3(PersonLabel.of(item.requester(), names) + " asks to destroy " + alias));
        card.add(new Span("Key: " + alias + " · " + key.get("sensitivity") + " · " + key.get("algorithm") + " · "
                + key.get("purpose") + " · owner " + PersonLabel.of((String) key.get("owner"), names)));
        card.add(new Span("Versions (KCV): " + versions.stream().map(v -> "v" + v.get("number") + " (" + v.get("kcv") + ")")
                .collect(Collectors.joining(", "))));
        card.add(new Paragraph("“" + item.facts().get("reason") + "”"));
        card.add(new Span("Once approved, nobody can use " + alias + "; after " + item.facts().get("waitingDays")
                + " days every version is destroyed in the HSM for good. Until then its owner or a security officer can "
                + "cancel."));
        if (!inUse.isEmpty()) {
            card.add(Badges.of("Still in use when asked", Tone.ERROR));
            var list = new UnorderedList();
            inUse.forEach(line -> list.add(new ListItem(line)));
            card.add(list, new Paragraph("Override, which you sign: “" + item.facts().get("override") + "”"));
        }
    }
}
