package dev.keyward.keys.ui;

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
import dev.keyward.common.ui.ViewerTime;
import dev.keyward.common.ui.Words;
import dev.keyward.identity.PeopleService;
import dev.keyward.keys.KeyService;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.ManagedKey;
import java.util.List;
import java.util.Map;

/** A key rotation in the Approvals inbox: which key, why, its current version and how long that has served. */
@SpringComponent
class KeyRotationCard implements SubjectCard {

    private final KeyService keys;
    private final PeopleService people;

    KeyRotationCard(KeyService keys, PeopleService people) {
        this.keys = keys;
        this.people = people;
    }

    @Override
    public String subjectType() {
        return "key-rotation";
    }

    @Override
    public void render(InboxItem item, VerticalLayout card) {
        @SuppressWarnings("unchecked")
        Map<String, Object> key = (Map<String, Object>) item.facts().get("key");
        @SuppressWarnings("unchecked")
        Map<String, Object> current = (Map<String, Object>) item.facts().get("current");
        String alias = (String) key.get("alias");
        Map<String, String> names = people.displayNames(List.of(item.requester(), (String) key.get("owner")));
        card.getElement().setAttribute("data-key", alias);
        boolean emergency = "EMERGENCY".equals(item.facts().get("trigger"));
        card.add(new H3(emergency ? "Emergency: " + PersonLabel.of(item.requester(), names) + " marked " + alias
                + " compromised and asks to rotate it"
                : ("SCHEDULED".equals(item.facts().get("trigger")) ? "The rotation schedule"
                : PersonLabel.of(item.requester(), names)) + " asks to rotate " + alias));
        card.add(new Span("Key: " + alias + " · " + key.get("sensitivity") + " · " + key.get("algorithm") + " · "
                + key.get("purpose") + " · owner " + PersonLabel.of((String) key.get("owner"), names)));
        ManagedKey now = keys.get(alias);
        String since = now.versions().stream().filter(v -> v.number() == ((Number) current.get("number")).intValue())
                .findFirst().map(v -> ", in use since " + ViewerTime.day(v.activatedAt() != null ? v.activatedAt() : v.createdAt()))
                .orElse("");
        card.add(new Span("Current version " + current.get("number") + " (KCV " + current.get("kcv") + ")" + since
                + " · " + Words.of((String) item.facts().get("trigger"))));
        card.add(new Paragraph("“" + item.facts().get("reason") + "”"));
        card.add(new Span(emergency ? "Once approved, a new version is created in the HSM, self-tested and made current, "
                + "and the key is active again; the compromised versions are never used again."
                : "Once approved, a new version is created in the HSM, self-tested and made current; the old "
                + "version keeps decrypting and verifying what it protected."));
        if (now.state() != (emergency ? KeyState.COMPROMISED : KeyState.ACTIVE)) {
            card.add(Badges.of(alias + " is " + now.state().label().toLowerCase() + " now: the rotation would fail.",
                    Tone.ERROR));
        }
    }
}
