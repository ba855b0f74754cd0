package dev.keyward.identity.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.keyward.common.ui.FormErrors;
import dev.keyward.common.ui.Notices;
import dev.keyward.common.ui.Refusals;
import dev.keyward.common.ui.ViewerTime;
import dev.keyward.identity.ApiToken;
import dev.keyward.identity.ApiTokenService;
import dev.keyward.identity.IssuedApiToken;
import dev.keyward.identity.Passkey;
import dev.keyward.identity.PasskeyService;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The signed-in person's passkeys and personal API tokens. */
@Route("my-security")
@PageTitle("My security · Keyward")
@Menu(title = "My security", order = 90, icon = "vaadin:lock")
@PermitAll
public class MySecurityView extends VerticalLayout {

    private final PasskeyService passkeys;
    private final ApiTokenService tokens;
    private final Clock clock;
    private final Grid<Passkey> passkeyGrid = new Grid<>();
    private final Grid<ApiToken> tokenGrid = new Grid<>();
    private final Div password = new Div();

    MySecurityView(PasskeyService passkeys, ApiTokenService tokens, Clock clock) {
        this.passkeys = passkeys;
        this.tokens = tokens;
        this.clock = clock;
        PasskeyCeremony.load(this);
        add(new H2("Passkeys"), new Paragraph("You sign in and sign approvals with these. Keep at least one."),
                passkeyGrid(), addPasskeyForm(), new H2("Password"), password,
                new H2("API tokens"), new Paragraph("Personal tokens let scripts call the Keyward API as you, with "
                        + "your roles. A token is shown once; keep it like a password."),
                tokenGrid(), createTokenForm());
        refresh();
    }

    private Component passkeyGrid() {
        passkeyGrid.setId("passkeys");
        passkeyGrid.addColumn(Passkey::label).setHeader("Name").setFlexGrow(2);
        passkeyGrid.addColumn(p -> ViewerTime.minute(p.created())).setHeader("Created");
        passkeyGrid.addColumn(p -> ViewerTime.minute(p.lastUsed())).setHeader("Last used");
        passkeyGrid.addComponentColumn(this::passkeyActions).setHeader("").setAutoWidth(true);
        passkeyGrid.setAllRowsVisible(true);
        passkeyGrid.addThemeVariants(GridVariant.LUMO_COMPACT);
        return passkeyGrid;
    }

    private Component passkeyActions(Passkey passkey) {
        var rename = new Button("Rename", e -> renameDialog(passkey).open());
        var remove = new Button("Remove", e -> confirm("Remove passkey '" + passkey.label() + "'?",
                "You will no longer be able to sign in with it.", () -> {
                    passkeys.remove(passkey.id());
                    refresh();
                }));
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR);
        remove.setEnabled(passkeyGrid.getListDataView().getItemCount() > 1);
        remove.setTooltipText("Your last passkey cannot be removed");
        return new HorizontalLayout(rename, remove);
    }

    private Dialog renameDialog(Passkey passkey) {
        var dialog = new Dialog("Rename passkey");
        var name = new TextField("Name", passkey.label(), "");
        name.setId("passkey-rename");
        name.setMaxLength(100);
        var errors = new FormErrors("passkey-rename-error", Map.of("name", name));
        var save = new Button("Save", e -> errors.attempt(() -> {
            passkeys.rename(passkey.id(), name.getValue());
            dialog.close();
            refresh();
        }));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(name, errors.line());
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        return dialog;
    }

    private Component addPasskeyForm() {
        var label = new TextField("New passkey name");
        label.setId("new-passkey-label");
        label.setMaxLength(100);
        var add = new Button("Add passkey", VaadinIcon.PLUS.create(), e -> PasskeyCeremony
                .register(this, label.getValue().isBlank() ? "Passkey" : label.getValue().strip())
                .then(ignored -> {
                    label.clear();
                    refresh();
                    Notices.success("Passkey added.");
                }, Notices::error));
        add.setId("add-passkey");
        var form = new HorizontalLayout(label, add);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        return form;
    }

    private Component tokenGrid() {
        tokenGrid.setId("api-tokens");
        tokenGrid.addColumn(ApiToken::name).setHeader("Name").setFlexGrow(2);
        tokenGrid.addColumn(t -> t.prefix() + "…").setHeader("Starts with");
        tokenGrid.addColumn(t -> ViewerTime.minute(t.createdAt())).setHeader("Created");
        tokenGrid.addColumn(t -> ViewerTime.minute(t.expiresAt())).setHeader("Expires");
        tokenGrid.addColumn(t -> ViewerTime.minute(t.lastUsedAt())).setHeader("Last used");
        tokenGrid.addColumn(this::status).setHeader("Status");
        tokenGrid.addComponentColumn(t -> {
            var revoke = new Button("Revoke", e -> confirm("Revoke token '" + t.name() + "'?",
                    "Scripts using it stop working at once.", () -> {
                        tokens.revoke(t.id());
                        refresh();
                    }));
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR);
            revoke.setEnabled(t.isActiveAt(clock.instant()));
            return revoke;
        }).setAutoWidth(true);
        tokenGrid.setAllRowsVisible(true);
        tokenGrid.addThemeVariants(GridVariant.LUMO_COMPACT);
        return tokenGrid;
    }

    private String status(ApiToken token) {
        if (token.revokedAt() != null) {
            return "Revoked";
        }
        return token.isActiveAt(clock.instant()) ? "Active" : "Expired";
    }

    private Component createTokenForm() {
        var name = new TextField("Token name");
        name.setId("token-name");
        name.setMaxLength(100);
        var days = new IntegerField("Valid for (days)");
        days.setId("token-days");
        days.setMin(1);
        days.setMax((int) tokens.maxLifetime().toDays());
        days.setValue(30);
        days.setStepButtonsVisible(true);
        var errors = new FormErrors("token-error", Map.of("name", name, "expiresInDays", days));
        var create = new Button("Create token", VaadinIcon.PLUS.create(), e -> errors.attempt(() -> {
            IssuedApiToken issued = tokens.create(name.getValue(),
                    Duration.ofDays(days.getValue() == null ? 0 : days.getValue()));
            name.clear();
            refresh();
            showSecret(issued);
        }));
        create.setId("create-token");
        var form = new HorizontalLayout(name, days, create);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        var box = new VerticalLayout(form, errors.line());
        box.setPadding(false);
        return box;
    }

    private void showSecret(IssuedApiToken issued) {
        var dialog = new Dialog("Your new API token");
        var secret = new Div(issued.secret());
        secret.setId("token-secret");
        secret.addClassName("kw-secret");
        dialog.add(new Paragraph("Copy it now: Keyward keeps only a hash and cannot show it again."), secret);
        dialog.getFooter().add(new Button("Done", e -> dialog.close()));
        dialog.setMaxWidth("36rem");
        dialog.open();
    }

    private void refresh() {
        passkeyGrid.setItems(passkeys.list());
        tokenGrid.setItems(tokens.list());
        password.removeAll();
        if (!passkeys.hasPassword()) {
            password.add(new Paragraph("You sign in with passkeys only; no password works for you."));
            return;
        }
        var remove = new Button("Sign in with passkeys only", e -> confirm("Stop signing in with a password?",
                "Your password stops working at once; you sign in with your passkeys from then on.", () -> {
                    passkeys.removePassword();
                    refresh();
                    Notices.success("Your password no longer works; you sign in with passkeys only.");
                }));
        remove.setId("remove-password");
        password.add(new Paragraph("You can still sign in with a password, and so can anybody who knows it. If an "
                + "administrator chose it when making your account, they decide nothing for you until you stop using it."),
                remove);
    }

    private void confirm(String header, String text, Runnable action) {
        var dialog = new ConfirmDialog(header, text, "Yes", e -> Refusals.attempt(action));
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

}
