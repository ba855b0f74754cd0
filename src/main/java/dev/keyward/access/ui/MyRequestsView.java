package dev.keyward.access.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.keyward.access.AccessRequest;
import dev.keyward.access.AccessRequestService;
import dev.keyward.access.AccessRequestStatus;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.WithdrawButton;
import dev.keyward.common.ui.EmptyState;
import dev.keyward.common.ui.HiddenFrom;
import dev.keyward.common.ui.RowDetails;
import dev.keyward.common.ui.ViewerTime;
import dev.keyward.identity.Roles;
import jakarta.annotation.security.PermitAll;

/** The signed-in person's requests with their status; a click shows the timeline and the signed decisions. */
@Route("my-requests")
@PageTitle("My requests · Keyward")
@Menu(title = "My requests", order = 21, icon = "vaadin:list")
@PermitAll
@HiddenFrom(Roles.AUDITOR)
public class MyRequestsView extends VerticalLayout {

    private final AccessRequestService requests;
    private final ApprovalService approvals;

    MyRequestsView(AccessRequestService requests, ApprovalService approvals) {
        this.requests = requests;
        this.approvals = approvals;
        setSizeFull();
        var grid = new Grid<AccessRequest>();
        grid.setId("my-requests");
        grid.addColumn(AccessRequest::key).setHeader("Key").setFlexGrow(2);
        grid.addColumn(r -> Ui.permissions(r.permissions())).setHeader("Permissions").setFlexGrow(2);
        grid.addComponentColumn(r -> Ui.status(r.status())).setHeader("Status").setAutoWidth(true);
        grid.addColumn(r -> ViewerTime.minute(r.createdAt())).setHeader("Requested");
        grid.addColumn(r -> r.outcome() == null ? "waiting for approvers" : r.outcome()).setHeader("Outcome").setFlexGrow(3);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        RowDetails.open(grid, r -> detail(r.id()));
        var mine = requests.mine();
        grid.setItems(mine);
        grid.setSizeFull();
        add(new H2("My requests"));
        if (mine.isEmpty()) {
            add(EmptyState.of("my-requests-empty", "You have not asked for access yet",
                    "Keys are used only with a grant. Ask for one here: say which key, what you need to do with it and "
                            + "why; your manager and the key's owner decide with their passkeys, and you follow each step here.",
                    "Request access to a key", "request-access"));
        } else {
            add(grid);
        }
    }

    private void detail(String id) {
        AccessRequest request = requests.get(id);
        var dialog = new Dialog("Request for " + request.key());
        dialog.add(new RequestDetail(request));
        if (request.status() == AccessRequestStatus.PENDING && request.approval() != null) {
            dialog.getFooter().add(WithdrawButton.of(approvals, request.approval().id(), "your request for "
                    + request.key(), () -> {
                        dialog.close();
                        UI.getCurrent().getPage().reload();
                    }));
        }
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.setWidth("70rem");
        dialog.open();
    }
}
