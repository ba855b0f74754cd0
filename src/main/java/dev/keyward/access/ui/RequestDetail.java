package dev.keyward.access.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.keyward.access.AccessRequest;
import dev.keyward.approvals.Approval;
import dev.keyward.common.ui.Badges.Tone;
import dev.keyward.common.ui.Badges;
import dev.keyward.common.ui.ViewerTime;
import dev.keyward.common.ui.Words;

/** One request in full: what was asked, its timeline, and every approval slot with its signature check. */
final class RequestDetail extends VerticalLayout {

    RequestDetail(AccessRequest request) {
        setPadding(false);
        add(new HorizontalLayout(Ui.status(request.status()), new Span(Ui.permissions(request.permissions()) + " on "
                + request.key() + " for " + request.beneficiary() + ", " + request.durationDays() + " days"
                + (request.ticket() != null ? " · ticket " + request.ticket() : ""))));
        add(new Span("Justification: " + request.justification()));
        if (request.outcome() != null) {
            var outcome = new Span(request.outcome());
            outcome.setId("request-outcome");
            add(outcome);
        }
        if (request.approval() != null) {
            add(signatures(request.approval()), slots(request.approval()));
        }
        add(new H4("Timeline"), timeline(request));
    }

    private static Component signatures(Approval approval) {
        boolean any = approval.slots().stream().anyMatch(s -> s.decision() != null);
        var label = !any ? Badges.of("no decisions yet", Tone.NEUTRAL)
                : approval.allDecisionsVerified() ? Badges.of("signatures verified", Tone.SUCCESS)
                : Badges.of("a signature does NOT verify", Tone.ERROR);
        label.setId("signatures-verified");
        return label;
    }

    private static Component slots(Approval approval) {
        var grid = new Grid<Approval.Slot>();
        grid.setId("request-slots");
        grid.addColumn(Approval.Slot::position).setHeader("Step").setWidth("4rem").setFlexGrow(0);
        grid.addColumn(s -> s.kind().label()).setHeader("Decides as").setAutoWidth(true);
        grid.addColumn(s -> s.decision() != null ? s.decision().approver()
                : s.approver() != null ? s.approver() : "security officers").setHeader("Approver");
        grid.addColumn(s -> s.routedReason() == null ? "" : s.routedReason()).setHeader("Routed because").setFlexGrow(2);
        grid.addColumn(s -> Words.of(s.status())).setHeader("Status").setAutoWidth(true);
        grid.addColumn(s -> s.decision() == null ? "—" : s.decision().verified() ? "verified" : "NOT verified: "
                + s.decision().verification()).setHeader("Passkey signature").setFlexGrow(2);
        grid.addColumn(s -> s.decision() == null || s.decision().comment() == null ? "" : s.decision().comment())
                .setHeader("Comment").setFlexGrow(2);
        grid.setItems(approval.slots());
        grid.setAllRowsVisible(true);
        return grid;
    }

    private static Component timeline(AccessRequest request) {
        var grid = new Grid<AccessRequest.Step>();
        grid.setId("request-timeline");
        grid.addColumn(s -> ViewerTime.minute(s.at())).setHeader("When").setWidth("11rem").setFlexGrow(0);
        grid.addColumn(AccessRequest.Step::what).setHeader("What").setFlexGrow(3);
        grid.addColumn(s -> s.who() == null ? "Keyward" : s.who()).setHeader("Who");
        grid.setItems(request.timeline());
        grid.setAllRowsVisible(true);
        return grid;
    }
}
