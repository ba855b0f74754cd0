package dev.keyward.access.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.keyward.access.Grant;
import dev.keyward.access.GrantService;
import dev.keyward.access.GrantStatus;
import dev.keyward.access.GrantUsage;
import dev.keyward.access.internal.AccessProperties;
import dev.keyward.common.ui.EmptyState;
import dev.keyward.common.ui.FormErrors;
import dev.keyward.common.ui.Notices;
import dev.keyward.common.ui.PersonLabel;
import dev.keyward.common.ui.Refusals;
import dev.keyward.common.ui.ViewerTime;
import dev.keyward.identity.CurrentUser;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Roles;
import dev.keyward.keys.KeyFilter;
import dev.keyward.keys.KeyService;
import dev.keyward.keys.ManagedKey;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Who has access to a key: all grants for security officers and auditors, those on their keys for owners (others
 * see only their own). Owners and security officers revoke here, with a reason.
 */
@Route("who-has-access")
@PageTitle("Who has access · Keyward")
@Menu(title = "Who has access", order = 24, icon = "vaadin:users")
@PermitAll
public class WhoHasAccessView extends VerticalLayout implements BeforeEnterObserver {

    private final GrantService grants;
    private final KeyService keys;
    private final CurrentUser currentUser;
    private final GrantUsage.Source usageSource;
    private final AccessProperties properties;
    private final PeopleService people;
    private final Clock clock;
    private Map<String, GrantUsage> usage = Map.of();
    private Map<String, String> names = Map.of();
    private final ComboBox<ManagedKey> key = new ComboBox<>("Key");
    private final Checkbox activeOnly = new Checkbox("Active only", true);
    private final Grid<Grant> grid = new Grid<>();
    private final Div hint = EmptyState.of("who-has-access-hint", "Choose a key",
            "Pick a key above to see who may use it, for what and until when, and how they used it. Owners and "
                    + "security officers revoke access here.");

    WhoHasAccessView(GrantService grants, KeyService keys, CurrentUser currentUser, GrantUsage.Source usageSource,
                     AccessProperties properties, Clock clock, PeopleService people) {
        this.people = people;
        this.usageSource = usageSource;
        this.properties = properties;
        this.clock = clock;
        this.grants = grants;
        this.keys = keys;
        this.currentUser = currentUser;
        setSizeFull();
        key.setId("access-key");
        key.setItems(query -> keys.find(new KeyFilter(null, null, null, null,
                query.getFilter().filter(f -> !f.isBlank()).orElse(null), false), query.getOffset(), query.getLimit()).stream());
        key.setItemLabelGenerator(ManagedKey::alias);
        key.addValueChangeListener(e -> refresh());
        activeOnly.addValueChangeListener(e -> refresh());
        grid.setId("key-grants");
        grid.addColumn(g -> PersonLabel.of(g.principal(), names)).setHeader("Who").setAutoWidth(true).setFlexGrow(1)
                .setFrozen(true);
        grid.addColumn(g -> Ui.permissions(g.permissions())).setHeader("Permissions").setAutoWidth(true);
        grid.addComponentColumn(g -> Ui.status(g.status())).setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(g -> ViewerTime.day(g.validFrom())).setHeader("From").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(g -> ViewerTime.day(g.validUntil())).setHeader("Until").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(g -> Ui.usage(g, usage.get(g.id()), properties.unusedAfter(), clock.instant()))
                .setHeader("Use").setFlexGrow(2);
        grid.addColumn(g -> g.endReason() == null ? "" : g.endedBy() + ": " + g.endReason()).setHeader("Ended").setFlexGrow(2);
        grid.addComponentColumn(this::revokeButton).setHeader("").setAutoWidth(true);
        grid.setSizeFull();
        var filters = new HorizontalLayout(key, activeOnly);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        hint.setVisible(true);
        grid.setVisible(false);
        add(new H2("Who has access"), filters, hint, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("key").ifPresent(alias ->
                Refusals.attempt(() -> key.setValue(keys.get(alias))));
    }

    private void refresh() {
        List<Grant> shown = key.getValue() == null ? List.of()
                : grants.find(key.getValue().alias(), null, activeOnly.getValue());
        hint.setVisible(key.getValue() == null);
        grid.setVisible(key.getValue() != null);
        usage = usageSource.of(shown.stream().map(Grant::id).toList());
        names = people.displayNames(shown.stream().map(Grant::principal).toList());
        grid.setItems(shown);
    }

    private Component revokeButton(Grant grant) {
        boolean may = grant.status() == GrantStatus.ACTIVE && key.getValue() != null
                && (currentUser.hasRole(Roles.SECURITY_OFFICER)
                || currentUser.username().filter(key.getValue().owner()::equals).isPresent());
        var revoke = new Button("Revoke", e -> revokeDialog(grant).open());
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        revoke.addClassName("revoke-grant");
        revoke.setVisible(may);
        return revoke;
    }

    private Dialog revokeDialog(Grant grant) {
        var dialog = new Dialog("Revoke " + PersonLabel.of(grant.principal(), names) + "'s access to " + grant.key());
        var reason = new TextArea("Reason (kept in the audit log)");
        reason.setId("revoke-reason");
        reason.setWidthFull();
        var errors = new FormErrors("revoke-error", Map.of("reason", reason));
        var confirm = new Button("Revoke now", e -> {
            if (errors.attempt(() -> grants.revoke(grant.id(), reason.getValue()))) {
                Notices.success("Access revoked; the next use is refused.");
                dialog.close();
                refresh();
            }
        });
        confirm.setId("confirm-revoke");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.add(reason, errors.line());
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.setWidth("30rem");
        return dialog;
    }
}
