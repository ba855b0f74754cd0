package dev.keyward.approvals.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.Decision;
import dev.keyward.approvals.InboxItem;
import dev.keyward.approvals.PasskeySigning;
import dev.keyward.approvals.PreparedDecision;
import dev.keyward.approvals.SubjectCard;
import dev.keyward.common.ui.EmptyState;
import dev.keyward.common.ui.FormErrors;
import dev.keyward.common.ui.HiddenFrom;
import dev.keyward.common.ui.Notices;
import dev.keyward.common.ui.ViewerTime;
import dev.keyward.identity.Roles;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one inbox: every open slot the signed-in person may decide, whatever the subject (access request, rotation,
 * role grant...). Each subject's module renders what is asked ({@link SubjectCard}); the inbox adds who decides as
 * what, the deadlines and the decision, which the approver's passkey signs.
 */
@Route("approvals")
@PageTitle("Approvals · Keyward")
@Menu(title = "Approvals", order = 22, icon = "vaadin:check-square-o")
@PermitAll
@HiddenFrom(Roles.AUDITOR)
public class ApprovalsView extends VerticalLayout {

    /** Cards rendered at once: each one may load live facts (grants held, warnings). */
    static final int SHOWN = 25;
    /** How often an open page looks for decisions made elsewhere (another tab, another approver). */
    static final int CHECK_EVERY_MS = 10_000;

    private final ApprovalService approvals;
    private final Map<String, SubjectCard> subjects;
    private final VerticalLayout items = new VerticalLayout();
    private final TextField find = new TextField();
    /** The cards on the page by slot id, in inbox order; a refresh keeps those still waiting (and what was typed). */
    private final Map<String, Component> cards = new LinkedHashMap<>();
    private Registration polling;

    ApprovalsView(ApprovalService approvals, List<SubjectCard> subjects) {
        this.approvals = approvals;
        this.subjects = subjects.stream().collect(Collectors.toMap(SubjectCard::subjectType, Function.identity()));
        PasskeySigning.load(this);
        items.setPadding(false);
        items.setId("approval-items");
        // An officer's inbox can hold more than fits; finding by key, person or what is asked reaches any of them.
        find.setId("approval-find");
        find.setPlaceholder("Find by key, person or what is asked");
        find.setAriaLabel("Find a decision");
        find.setClearButtonVisible(true);
        find.setPrefixComponent(VaadinIcon.SEARCH.create());
        find.setWidth("24rem");
        find.setMaxWidth("100%");
        find.setValueChangeMode(ValueChangeMode.LAZY);
        find.addValueChangeListener(e -> refresh());
        add(new H2("Approvals"), find, items);
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().setPollInterval(CHECK_EVERY_MS);
        polling = event.getUI().addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        polling.remove();
    }

    /** Drops the cards decided elsewhere and adds new ones; the cards still waiting stay as they are. */
    private void refresh() {
        List<InboxItem> all = approvals.inbox();
        String wanted = find.getValue().strip().toLowerCase(Locale.ROOT);
        List<InboxItem> inbox = wanted.isEmpty() ? all : all.stream()
                .filter(i -> (i.summary() + " " + i.requester()).toLowerCase(Locale.ROOT).contains(wanted)).toList();
        find.setVisible(!all.isEmpty());
        List<InboxItem> shown = inbox.stream().limit(SHOWN).toList();
        Set<String> waiting = shown.stream().map(InboxItem::slotId).collect(Collectors.toSet());
        cards.keySet().retainAll(waiting);
        Map<String, Component> next = new LinkedHashMap<>();
        shown.forEach(item -> next.put(item.slotId(), cards.containsKey(item.slotId()) ? cards.get(item.slotId()) : card(item)));
        cards.clear();
        cards.putAll(next);
        items.removeAll();
        if (inbox.isEmpty() && !all.isEmpty()) {
            items.add(new Paragraph("Nothing of the " + all.size() + " decisions waiting for you matches “" + find.getValue()
                    .strip() + "”."));
        }
        if (all.isEmpty()) {
            items.add(EmptyState.of("no-approvals", "Nothing waits for your decision",
                    "Requests to use keys you own, from people you manage, changes to keys and privileged roles that "
                            + "need a second pair of eyes appear here. You decide with your passkey; this page updates "
                            + "by itself."));
        }
        if (inbox.size() > SHOWN) {
            items.add(new Paragraph("Showing the " + SHOWN + " oldest of " + inbox.size() + " decisions waiting for you; "
                    + "the next ones appear as you decide, or find one above."));
        }
        new ArrayList<>(cards.values()).forEach(items::add);
    }

    private Component card(InboxItem item) {
        var card = new VerticalLayout();
        card.addClassName("kw-card");
        card.addClassName("approval-item");
        card.getElement().setAttribute("data-subject-type", item.subjectType());
        card.getElement().setAttribute("data-requester", item.requester());
        SubjectCard subject = subjects.get(item.subjectType());
        if (subject != null) {
            subject.render(item, card);
        } else {
            card.add(new H3(item.summary() != null ? item.summary() : item.subjectType() + " " + item.subjectId()));
        }
        card.add(new Span("You decide as: " + item.kind().label().toLowerCase()
                + (item.routedReason() != null ? " (" + item.routedReason() + ")" : "")
                + " · escalates " + ViewerTime.minute(item.escalateAt()) + " · expires " + ViewerTime.minute(item.expireAt())));
        var comment = new TextArea("Comment (required to reject; the requester sees it)");
        comment.setWidthFull();
        comment.setMaxLength(1000);
        comment.addClassName("approval-comment");
        var errors = new FormErrors("approval-error-" + item.slotId(), Map.of("comment", comment));
        errors.line().addClassName("approval-error");
        var approve = new Button("Approve with passkey", VaadinIcon.CHECK.create());
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        approve.addClassName("approve");
        var reject = new Button("Reject with passkey", VaadinIcon.CLOSE.create());
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
        reject.addClassName("reject");
        var buttons = new HorizontalLayout(approve, reject);
        buttons.setWrap(true);
        approve.addClickListener(e -> decide(item, Decision.APPROVE, comment.getValue(), errors, approve, reject));
        reject.addClickListener(e -> decide(item, Decision.REJECT, comment.getValue(), errors, approve, reject));
        card.add(comment, buttons, errors.line());
        return card;
    }

    private void decide(InboxItem item, Decision decision, String comment, FormErrors errors, Button... buttons) {
        AtomicReference<PreparedDecision> prepared = new AtomicReference<>();
        if (!errors.attempt(() -> prepared.set(approvals.prepare(item.slotId(), decision, comment)))) {
            refreshIfGone(item);
            return;
        }
        for (Button button : buttons) {
            button.setEnabled(false);
        }
        PasskeySigning.sign(this, prepared.get(), assertion -> {
            if (errors.attempt(() -> approvals.decide(prepared.get().nonce(), assertion))) {
                Notices.success("Your decision (" + decision.name().toLowerCase() + ") is signed and recorded.");
                refresh();
            } else {
                enable(buttons);
                refreshIfGone(item);
            }
        }, message -> {
            errors.show(message);
            enable(buttons);
        });
    }

    /** A card that was decided elsewhere (another tab, another approver) leaves the page at once, saying why. */
    private void refreshIfGone(InboxItem item) {
        if (approvals.inbox().stream().noneMatch(i -> i.slotId().equals(item.slotId()))) {
            Notices.error("This decision has been made meanwhile, in another window or by somebody else; "
                    + "the list is up to date now.");
            refresh();
        }
    }

    private static void enable(Button... buttons) {
        for (Button button : buttons) {
            button.setEnabled(true);
        }
    }
}
