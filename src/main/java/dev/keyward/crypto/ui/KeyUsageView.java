package dev.keyward.crypto.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.keyward.common.NotFoundException;
import dev.keyward.common.ui.ViewerTime;
import dev.keyward.crypto.UsageService.Caller;
import dev.keyward.crypto.UsageService.KeyUsage;
import dev.keyward.crypto.UsageService.Window;
import dev.keyward.crypto.UsageService;
import jakarta.annotation.security.PermitAll;
import org.springframework.security.access.AccessDeniedException;

/**
 * How a key is used (from the keys view's detail, {@code key-usage?key=<alias>}): uses over time per operation,
 * every caller with their last use, and the rewrap census (use by version); for the key's owner, security officers
 * and auditors.
 */
@Route("key-usage")
@PageTitle("Key usage · Keyward")
@PermitAll
public class KeyUsageView extends VerticalLayout implements BeforeEnterObserver {

    private final UsageService usage;
    private final H2 title = new H2("Key usage");
    private final Select<Window> window = new Select<>();
    private final Div chart = new Div();
    private final Div census = new Div();
    private final Grid<Caller> callers = new Grid<>();
    private final Paragraph message = new Paragraph();
    private String alias;

    KeyUsageView(UsageService usage) {
        this.usage = usage;
        setSizeFull();
        window.setId("usage-window");
        window.setLabel("Period");
        window.setItems(Window.values());
        window.setItemLabelGenerator(w -> switch (w) {
            case LAST_HOUR -> "Last hour, per minute";
            case LAST_DAY -> "Last 24 hours, per hour";
            case LAST_30_DAYS -> "Last 30 days, per day";
        });
        window.setValue(Window.LAST_DAY);
        window.setWidth("18rem");
        window.addValueChangeListener(e -> refresh());
        chart.setWidthFull();
        callers.setId("usage-callers");
        callers.addColumn(Caller::principal).setHeader("Caller").setFlexGrow(2);
        callers.addColumn(c -> c.operation().label()).setHeader("Operation");
        callers.addColumn(Caller::uses).setHeader("Uses");
        callers.addColumn(c -> ViewerTime.minute(c.lastUsedAt())).setHeader("Last use");
        callers.addColumn(c -> c.lastClient() == null ? "—" : c.lastClient()).setHeader("Last client");
        callers.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        message.setId("usage-message");
        census.setWidthFull();
        add(title, window, chart, callers, message, census);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        alias = event.getLocation().getQueryParameters().getSingleParameter("key").orElse(null);
        refresh();
    }

    private void refresh() {
        message.setText("");
        chart.removeAll();
        census.removeAll();
        if (alias == null) {
            show("Open a key's usage from its detail in Keys.");
            return;
        }
        title.setText("Usage of " + alias);
        try {
            KeyUsage shown = usage.keyUsage(alias, window.getValue());
            chart.add(UsageChart.of(shown));
            callers.setItems(shown.callers());
            census.add(CensusBars.of(usage.census(alias, 30)));
            if (shown.callers().isEmpty()) {
                show("Nobody has used " + alias + " through the crypto API yet.");
            }
        } catch (NotFoundException | AccessDeniedException e) {
            callers.setItems();
            show(e.getMessage());
        }
    }

    private void show(String text) {
        message.setText(text);
    }
}
