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

/** Retiring an old key version in the Approvals inbox: which version, why, and what the census showed when asked. */
@SpringComponent
class KeyRetirementCard implements SubjectCard {

    private final PeopleService people;

    KeyRetirementCard(PeopleService people) {
        this.people = people;
    }

    @Override
    public String subjectType() {
        return "key-retirement";
    }

    @Override
    @SuppressWarnings("unchecked")
    public void render(InboxItem item, VerticalLayout card) {
        Map<String, Object> key = (Map<String, Object>) item.facts().get("key");
        Map<String, Object> version = (Map<String, Object>) item.facts().get("version");
        List<String> inUse = (List<String>) item.facts().getOrDefault("inUse", List.of());
        String alias = (String) key.get("alias");
        Map<String, String> names = people.displayNames(List.of(item.requester(), (String) key.get("owner")));
        card.getElement().setAttribute("data-key", alias);
        card.add(new H3(PersonLabel.of(item.requester(), names) + " asks to retire version " + version.get("number")
                + " of " + alias));
        card.add(new Span("Key: " + alias + " · " + key.get("sensitivity") + " · " + key.get("algorithm") + " · owner "
                + PersonLabel.of((String) key.get("owner"), names)));
        card.add(new Span("Version " + version.get("number") + " (KCV " + version.get("kcv") + "); the current version is "
                + item.facts().get("currentVersion")));
        card.add(new Paragraph("“" + item.facts().get("reason") + "”"));
        card.add(new Span("Once approved, nothing is decrypted or verified with this version any more."));
        if (inUse.isEmpty()) {
            card.add(Badges.of("The census showed no use when asked", Tone.SUCCESS));
        } else {
            var list = new UnorderedList();
            inUse.forEach(line -> list.add(new ListItem(line)));
            card.add(Badges.of("Still in use when asked", Tone.ERROR), list,
                    new Paragraph("Override, which you sign: “" + item.facts().get("override") + "”"));
        }
    }
}
