package dev.keyward.shell.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.WaitingCount;
import dev.keyward.common.ui.Words;
import dev.keyward.identity.ApiTokenService;
import dev.keyward.identity.PasskeyService;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Person;
import dev.keyward.identity.Roles;
import dev.keyward.keys.KeyService;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/** The dashboard: who you are, whom you manage, and the state of your credentials. */
@Route("")
@PageTitle("Home · Keyward")
@Menu(title = "Home", order = 0, icon = "vaadin:home")
@PermitAll
public class HomeView extends VerticalLayout {

    HomeView(PeopleService people, PasskeyService passkeys, ApiTokenService tokens, KeyService keys,
             ApprovalService approvals, Clock clock) {
        Person me = people.me();
        var greeting = new H2("Hello, " + me.displayName());
        greeting.setId("home-greeting");
        var reports = people.directReports(me.username());
        long activeTokens = tokens.list().stream().filter(t -> t.isActiveAt(clock.instant())).count();
        var owned = keys.list().stream().filter(k -> k.owner().equals(me.username())).toList();

        var cards = new FlexLayout(
                waiting(WaitingCount.of(me.hasRole(Roles.AUDITOR) ? List.of() : approvals.waitingForMe())),
                card("Your roles", String.valueOf(me.roles().size()),
                        me.roles().stream().sorted().map(Words::of).collect(Collectors.joining(", "))),
                card("Your team", String.valueOf(reports.size()), reports.isEmpty()
                        ? "Nobody reports to you."
                        : reports.stream().map(Person::displayName).collect(Collectors.joining(", "))),
                card("Keys you own", String.valueOf(owned.size()), owned.isEmpty()
                        ? "You are not the custodian of any key."
                        : owned.stream().map(k -> k.alias() + " (" + k.state().label() + ")").collect(Collectors.joining(", "))),
                card("Passkeys", String.valueOf(passkeys.list().size()), "Manage them under My security."),
                card("Active API tokens", String.valueOf(activeTokens), "Personal tokens for scripts."));
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "var(--lumo-space-m)");
        add(greeting, new Paragraph(me.department() == null ? "" : me.department()
                + (me.managerUsername() == null ? "" : " · reports to " + me.managerUsername())),
                me.hasRole(Roles.AUDITOR) ? auditorStep() : nextStep(), cards);
    }

    /** The one inbox in a card: approvals and grants to review that wait for this person's decision. */
    private static Component waiting(WaitingCount waiting) {
        long decisions = waiting.decisions();
        long reviews = waiting.reviews();
        Component card = card("Waiting for your decision", String.valueOf(waiting.total()), waiting.total() == 0
                ? "Nothing waits for you."
                : decisions + (decisions == 1 ? " approval" : " approvals") + " (under Approvals) and " + reviews
                        + (reviews == 1 ? " grant" : " grants") + " to review (under My reviews).");
        card.setId("home-waiting");
        return card;
    }

    /** The first thing most people come for: access to a key. */
    private static Component nextStep() {
        var request = new Anchor("request-access", "Request access to a key");
        request.setId("home-request-access");
        request.addClassName("kw-empty-action");
        var step = new Div(new Paragraph("Need to use a key? Ask for access: name the key, what you need to do with it "
                + "and why. Your manager and the key's owner decide with their passkeys, and you follow every step "
                + "under My requests."), request);
        step.addClassName("kw-next-step");
        return step;
    }

    /** Auditors use no keys; what they come for is the evidence. */
    private static Component auditorStep() {
        var audit = new Anchor("audit", "Open the audit log");
        audit.setId("home-audit");
        audit.addClassName("kw-empty-action");
        var step = new Div(new Paragraph("As an auditor you see every key, who may use it and every security event, "
                + "and you can verify that the audit log is intact. You do not request or approve access yourself."), audit);
        step.addClassName("kw-next-step");
        return step;
    }

    private static Component card(String title, String figure, String detail) {
        var big = new Span(figure);
        big.addClassName("kw-big");
        var card = new Div(new H3(title), big, new Paragraph(detail));
        card.addClassName("kw-card");
        return card;
    }
}
