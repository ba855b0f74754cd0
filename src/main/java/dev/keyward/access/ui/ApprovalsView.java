package dev.keyward.access.ui;

import com.vaadin.flow.component.Component;
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
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.keyward.access.AccessRequest;
import dev.keyward.access.AccessRequestService;
import dev.keyward.access.AccessReview;
import dev.keyward.access.internal.AccessWorkflow;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.Decision;
import dev.keyward.approvals.InboxItem;
import dev.keyward.approvals.PreparedDecision;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The approver's inbox: each open slot with what a careful approver needs (who, for whom, which key, what, how
 * long, why, what they already hold, warnings). Approving or rejecting asks the approver's passkey to sign the
 * exact decision.
 */
@Route("approvals")
@PageTitle("Approvals · Keyward")
@Menu(title = "Approvals", order = 22, icon = "vaadin:check-square-o")
@PermitAll
public class ApprovalsView extends VerticalLayout {

    /** Cards rendered at once: each one loads its request, grants and warnings. */
    static final int SHOWN = 25;

    private final ApprovalService approvals;
    private final AccessRequestService requests;
    private final VerticalLayout items = new VerticalLayout();

    ApprovalsView(ApprovalService approvals, AccessRequestService requests) {
        this.approvals = approvals;
        this.requests = requests;
        DecisionSigning.load(this);
        items.setPadding(false);
        items.setId("approval-items");
        add(new H2("Approvals"), items);
        refresh();
    }

    private void refresh() {
        items.removeAll();
        List<InboxItem> inbox = approvals.inbox().stream()
                .filter(i -> AccessWorkflow.SUBJECT_TYPE.equals(i.subjectType())).toList();
        if (inbox.isEmpty()) {
            var none = new Paragraph("Nothing waits for your decision.");
            none.setId("no-approvals");
            items.add(none);
        }
        if (inbox.size() > SHOWN) {
            items.add(new Paragraph("Showing the " + SHOWN + " oldest of " + inbox.size() + " decisions waiting for you; "
                    + "the next ones appear as you decide."));
        }
        inbox.stream().limit(SHOWN).forEach(item -> items.add(card(item)));
    }

    private Component card(InboxItem item) {
        AccessReview review = requests.review(item.subjectId());
        AccessRequest request = review.request();
        @SuppressWarnings("unchecked")
        Map<String, Object> key = (Map<String, Object>) item.facts().get("key");
        var card = new VerticalLayout();
        card.addClassName("kw-card");
        card.addClassName("approval-item");
        card.getElement().setAttribute("data-key", request.key());
        card.getElement().setAttribute("data-requester", request.requester());
        card.add(new H3(request.requester() + " asks for " + Ui.permissions(request.permissions()) + " on " + request.key()));
        card.add(new Span("Key: " + request.key() + " · " + key.get("sensitivity") + " · " + key.get("purpose")
                + " · owner " + key.get("owner")));
        card.add(new Span("For " + request.beneficiary() + ", " + request.durationDays() + " days from approval"
                + (request.ticket() != null ? " · ticket " + request.ticket() : "")));
        card.add(new Span("Your slot: " + item.kind().name().replace('_', ' ').toLowerCase()
                + (item.routedReason() != null ? " (" + item.routedReason() + ")" : "")
                + " · escalates " + Ui.minute(item.escalateAt()) + " · expires " + Ui.minute(item.expireAt())));
        card.add(new Paragraph("“" + request.justification() + "”"));
        card.add(new Span(review.currentGrants().isEmpty() ? request.beneficiary() + " holds no grant on this key now."
                : request.beneficiary() + " holds now: " + review.currentGrants().stream()
                .map(g -> Ui.permissions(g.permissions()) + " until " + Ui.day(g.validUntil())).toList()));
        review.warnings().forEach(w -> {
            var warning = Ui.badge(w, "error");
            warning.addClassName("approval-warning");
            card.add(warning);
        });
        var comment = new TextArea("Comment (required to reject; the requester sees it)");
        comment.setWidthFull();
        comment.setMaxLength(1000);
        comment.addClassName("approval-comment");
        var approve = new Button("Approve with passkey", VaadinIcon.CHECK.create());
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        approve.addClassName("approve");
        var reject = new Button("Reject with passkey", VaadinIcon.CLOSE.create());
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
        reject.addClassName("reject");
        approve.addClickListener(e -> decide(item, Decision.APPROVE, comment.getValue(), approve, reject));
        reject.addClickListener(e -> decide(item, Decision.REJECT, comment.getValue(), approve, reject));
        card.add(comment, new HorizontalLayout(approve, reject));
        return card;
    }

    private void decide(InboxItem item, Decision decision, String comment, Button... buttons) {
        AtomicReference<PreparedDecision> prepared = new AtomicReference<>();
        if (!Ui.attempt(() -> prepared.set(approvals.prepare(item.slotId(), decision, comment)))) {
            return;
        }
        for (Button button : buttons) {
            button.setEnabled(false);
        }
        DecisionSigning.sign(this, prepared.get(), assertion -> {
            if (Ui.attempt(() -> approvals.decide(prepared.get().nonce(), assertion))) {
                Ui.success("Your decision (" + decision.name().toLowerCase() + ") is signed and recorded.");
            }
            refresh();
        }, message -> {
            Ui.error(message);
            for (Button button : buttons) {
                button.setEnabled(true);
            }
        });
    }
}
