package dev.keyward.access.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.keyward.access.Grant;
import dev.keyward.access.GrantService;
import dev.keyward.access.GrantUsage;
import dev.keyward.access.internal.AccessProperties;
import dev.keyward.common.ui.EmptyState;
import dev.keyward.common.ui.HiddenFrom;
import dev.keyward.common.ui.ViewerTime;
import dev.keyward.identity.Roles;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The signed-in person's grants: what they may do with which key, until when, and how they used them. */
@Route("my-grants")
@PageTitle("My grants · Keyward")
@Menu(title = "My grants", order = 23, icon = "vaadin:key-o")
@PermitAll
@HiddenFrom(Roles.AUDITOR)
public class MyGrantsView extends VerticalLayout {

    MyGrantsView(GrantService grants, GrantUsage.Source usageSource, AccessProperties properties, Clock clock) {
        setSizeFull();
        var grid = new Grid<Grant>();
        grid.setId("my-grants");
        grid.addColumn(Grant::key).setHeader("Key").setFlexGrow(2);
        grid.addColumn(g -> Ui.permissions(g.permissions())).setHeader("Permissions").setFlexGrow(2);
        grid.addComponentColumn(g -> Ui.status(g.status())).setHeader("Status").setAutoWidth(true);
        grid.addColumn(g -> ViewerTime.day(g.validFrom())).setHeader("From");
        grid.addColumn(g -> ViewerTime.day(g.validUntil())).setHeader("Until");
        grid.addColumn(g -> g.activeAt(clock.instant())
                ? "ends in " + Duration.between(clock.instant(), g.validUntil()).toDays() + " d"
                : g.endReason() == null ? "" : g.endReason()).setHeader("").setFlexGrow(2);
        List<Grant> mine = grants.mine();
        Map<String, GrantUsage> usage = usageSource.of(mine.stream().map(Grant::id).toList());
        grid.addComponentColumn(g -> Ui.usage(g, usage.get(g.id()), properties.unusedAfter(), clock.instant()))
                .setHeader("Use").setFlexGrow(2);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setItems(mine);
        grid.setSizeFull();
        add(new H2("My grants"));
        if (mine.isEmpty()) {
            add(EmptyState.of("my-grants-empty", "You hold no grants",
                    "A grant lets you (or your application) use a key for a time, after an approved request. "
                            + "When one is approved it appears here with its end date and how you used it.",
                    "Request access to a key", "request-access"));
        } else {
            add(grid);
        }
    }
}
