package dev.keyward.crypto.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.keyward.access.Grant;
import dev.keyward.access.GrantService;
import dev.keyward.access.GrantUsage;
import dev.keyward.access.Permission;
import dev.keyward.common.ui.FormErrors;
import dev.keyward.common.ui.HiddenFrom;
import dev.keyward.common.ui.Notices;
import dev.keyward.common.ui.Refusals;
import dev.keyward.common.ui.ViewerTime;
import dev.keyward.common.ui.Words;
import dev.keyward.crypto.UsageService;
import dev.keyward.identity.ApiToken;
import dev.keyward.identity.IssuedApiToken;
import dev.keyward.identity.Roles;
import dev.keyward.identity.ServiceAccount;
import dev.keyward.identity.ServiceAccountService;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The signed-in person's service accounts: create them, issue and revoke their tokens, request access for them,
 * and see their grants with how each was used.
 */
@Route("my-applications")
@PageTitle("My applications · Keyward")
@Menu(title = "My applications", order = 25, icon = "vaadin:cogs")
@PermitAll
@HiddenFrom(Roles.AUDITOR)
public class MyApplicationsView extends VerticalLayout {

    private final ServiceAccountService accounts;
    private final GrantService grants;
    private final UsageService usage;
    private final Clock clock;
    private final Grid<ServiceAccount> list = new Grid<>();
    private final VerticalLayout detail = new VerticalLayout();

    MyApplicationsView(ServiceAccountService accounts, GrantService grants, UsageService usage, Clock clock) {
        this.accounts = accounts;
        this.grants = grants;
        this.usage = usage;
        this.clock = clock;
        setSizeFull();
        list.setId("my-apps");
        list.addColumn(ServiceAccount::name).setHeader("Name");
        list.addColumn(ServiceAccount::description).setHeader("What it does").setFlexGrow(3);
        list.addColumn(a -> Words.of(a.status())).setHeader("Status");
        list.addColumn(a -> ViewerTime.day(a.createdAt())).setHeader("Created");
        list.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        list.setAllRowsVisible(true);
        list.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
        detail.setPadding(false);
        add(new H2("My applications"), new Paragraph("Service accounts are the identities your applications use "
                + "the crypto API with. You own them: you request their access (you cannot approve it) and answer for "
                + "their tokens."), createForm(), list, detail);
        refresh(null);
    }

    private Component createForm() {
        var name = new TextField("Name");
        name.setId("app-name");
        name.setHelperText("3 to 64 lower-case letters, digits and '-', e.g. payments-app");
        var description = new TextField("What it does");
        description.setId("app-description");
        description.setWidth("28rem");
        var errors = new FormErrors("app-error", Map.of("name", name, "description", description));
        var create = new Button("Create", e -> {
            AtomicReference<ServiceAccount> created = new AtomicReference<>();
            if (errors.attempt(() -> created.set(accounts.create(name.getValue(), description.getValue())))) {
                Notices.success("Service account " + created.get().name() + " created.");
                name.clear();
                description.clear();
                refresh(created.get().name());
            }
        });
        create.setId("create-app");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new HorizontalLayout(name, description, create);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        var box = new VerticalLayout(form, errors.line());
        box.setPadding(false);
        return box;
    }

    private void refresh(String select) {
        List<ServiceAccount> mine = accounts.mine();
        list.setItems(mine);
        mine.stream().filter(a -> a.name().equals(select)).findFirst().ifPresentOrElse(list::select, () -> show(null));
    }

    private void show(ServiceAccount account) {
        detail.removeAll();
        if (account == null) {
            return;
        }
        var request = new Button("Request access for it", e -> getUI().ifPresent(ui ->
                ui.navigate("request-access", QueryParameters.of("for", account.name()))));
        request.setId("request-for-app");
        request.setEnabled(account.status() == ServiceAccount.Status.ACTIVE);
        boolean active = account.status() == ServiceAccount.Status.ACTIVE;
        var toggle = new Button(active ? "Disable" : "Enable", e -> {
            if (Refusals.attempt(() -> accounts.changeStatus(account.name(),
                    active ? ServiceAccount.Status.DISABLED : ServiceAccount.Status.ACTIVE))) {
                Notices.success(active ? "Disabled: every token stops on its next call." : "Enabled again.");
                refresh(account.name());
            }
        });
        toggle.setId("toggle-app");
        if (active) {
            toggle.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        detail.add(new H3(account.name()), new HorizontalLayout(request, toggle), tokens(account), grantsOf(account));
    }

    private Component tokens(ServiceAccount account) {
        var grid = new Grid<ApiToken>();
        grid.setId("app-tokens");
        grid.addColumn(ApiToken::name).setHeader("Token");
        grid.addColumn(t -> t.prefix() + "…").setHeader("Starts with");
        grid.addColumn(t -> ViewerTime.day(t.expiresAt())).setHeader("Expires");
        grid.addColumn(t -> t.lastUsedAt() == null ? "never" : ViewerTime.minute(t.lastUsedAt())).setHeader("Last use");
        grid.addColumn(t -> t.revokedAt() != null ? "Revoked" : t.isActiveAt(clock.instant()) ? "Active" : "Expired")
                .setHeader("Status");
        grid.addComponentColumn(t -> {
            var revoke = new Button("Revoke", e -> {
                if (Refusals.attempt(() -> accounts.revokeToken(account.name(), t.id()))) {
                    Notices.success("Token revoked; it stops on its next call.");
                    show(account);
                }
            });
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            revoke.addClassName("revoke-token");
            revoke.setVisible(t.isActiveAt(clock.instant()));
            return revoke;
        }).setHeader("");
        grid.setAllRowsVisible(true);
        grid.setItems(accounts.tokens(account.name()));
        var name = new TextField("Token name");
        name.setId("app-token-name");
        var days = new IntegerField("Valid for (days)");
        days.setId("app-token-days");
        days.setValue(30);
        days.setMin(1);
        days.setMax(90);
        var tokenErrors = new FormErrors("app-token-error", Map.of("name", name, "expiresInDays", days));
        var issue = new Button("Issue token", e -> {
            AtomicReference<IssuedApiToken> issued = new AtomicReference<>();
            if (tokenErrors.attempt(() -> issued.set(accounts.issueToken(account.name(), name.getValue(),
                    Duration.ofDays(days.getValue() == null ? 0 : days.getValue()))))) {
                secretDialog(account, issued.get()).open();
                show(account);
            }
        });
        issue.setId("issue-app-token");
        var form = new HorizontalLayout(name, days, issue);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        var box = new VerticalLayout(new H3("Tokens"), grid, form, tokenErrors.line());
        box.setPadding(false);
        return box;
    }

    private Component grantsOf(ServiceAccount account) {
        List<Grant> held = grants.find(null, account.name(), false);
        Map<String, GrantUsage> used = usage.of(held.stream().map(Grant::id).toList());
        var grid = new Grid<Grant>();
        grid.setId("app-grants");
        grid.addColumn(Grant::key).setHeader("Key");
        grid.addColumn(g -> g.permissions().stream().sorted().map(Permission::label).collect(Collectors.joining(", ")))
                .setHeader("Permissions").setFlexGrow(2);
        grid.addColumn(g -> Words.of(g.status())).setHeader("Status");
        grid.addColumn(g -> ViewerTime.day(g.validUntil())).setHeader("Until");
        grid.addColumn(g -> used.containsKey(g.id()) ? used.get(g.id()).uses() + " uses, last "
                + ViewerTime.minute(used.get(g.id()).lastUsedAt()) : "never used").setHeader("Use").setFlexGrow(2);
        grid.setAllRowsVisible(true);
        grid.setItems(held);
        var box = new VerticalLayout(new H3("Grants"), held.isEmpty()
                ? new Paragraph("No grants yet: request access for " + account.name() + ".") : grid);
        box.setPadding(false);
        return box;
    }

    private Dialog secretDialog(ServiceAccount account, IssuedApiToken issued) {
        var dialog = new Dialog("New token for " + account.name());
        var secret = new Div(issued.secret());
        secret.setId("app-token-secret");
        secret.addClassName("kw-secret");
        dialog.add(new Paragraph("Copy it now into the application's secret store: Keyward keeps only a hash and "
                + "cannot show it again."), secret);
        var done = new Button("Done", e -> dialog.close());
        done.setId("app-token-done");
        dialog.getFooter().add(done);
        return dialog;
    }


}
