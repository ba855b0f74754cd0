package dev.keyward.keys.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import dev.keyward.common.ui.Badges;
import dev.keyward.common.ui.Badges.Tone;
import dev.keyward.common.ui.FormErrors;
import dev.keyward.common.ui.Notices;
import dev.keyward.keys.KeyRetirementService;
import dev.keyward.keys.ManagedKey;
import dev.keyward.keys.RetirementQuietPeriod;
import java.util.List;
import java.util.Map;

/**
 * Asks to retire an old version: says who the census shows still using it (then an override reason is needed) and that
 * the key owner (their manager when the owner asks) and a security officer decide.
 */
final class VersionRetirementDialog {

    private VersionRetirementDialog() {
    }

    static Dialog open(KeyRetirementService retirements, RetirementQuietPeriod quiet, ManagedKey key, int version,
                       Runnable reopen) {
        var dialog = new Dialog("Retire version " + version + " of " + key.alias());
        var reason = new TextArea("Why retire it? (the approvers read this; the key's history keeps it)");
        reason.setId("retirement-reason");
        reason.setWidthFull();
        reason.setMaxLength(1000);
        var override = new TextArea("Override: why retire it although it is still in use? (the approvers sign this)");
        override.setId("retirement-override");
        override.setWidthFull();
        override.setMaxLength(1000);
        var body = new VerticalLayout(new Span("From then on nothing is decrypted or verified with version " + version
                + "; what only it protects can no longer be opened. The key owner (their manager when the owner asks) and "
                + "a security officer approve."), reason);
        body.setPadding(false);
        List<String> inUse = retirements.inUse(key.alias(), version);
        if (inUse.isEmpty()) {
            body.add(Badges.of("Unused for " + quiet.quietDays() + " days", Tone.SUCCESS));
        } else {
            var list = new UnorderedList();
            inUse.forEach(line -> list.add(new ListItem(line)));
            list.setId("retirement-in-use");
            body.add(Badges.of("Still in use", Tone.ERROR), list, override);
        }
        var errors = new FormErrors("retirement-error", Map.of("reason", reason, "override", override));
        var confirm = new Button("Request retirement", e -> errors.attempt(() -> {
            retirements.request(key.alias(), version, new dev.keyward.keys.Retirement.Request(reason.getValue(),
                    inUse.isEmpty() ? null : override.getValue()));
            dialog.close();
            reopen.run();
            Notices.success("Retiring version " + version + " of " + key.alias() + " is requested; it happens once it is "
                    + "approved under Approvals.");
        }));
        confirm.setId("confirm-retirement");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        body.add(errors.line());
        dialog.add(body);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.setWidth("34rem");
        dialog.setMaxWidth("100%");
        return dialog;
    }
}
