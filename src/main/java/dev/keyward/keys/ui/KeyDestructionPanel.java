package dev.keyward.keys.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import dev.keyward.common.ui.Badges;
import dev.keyward.common.ui.Badges.Tone;
import dev.keyward.common.ui.FormErrors;
import dev.keyward.common.ui.Notices;
import dev.keyward.common.ui.ViewerTime;
import dev.keyward.identity.CurrentUser;
import dev.keyward.identity.Roles;
import dev.keyward.keys.ChangeApprover;
import dev.keyward.keys.Destruction;
import dev.keyward.keys.DestructionPeriods;
import dev.keyward.keys.KeyDestructionService;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.ManagedKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The destruction part of a key's page: where a destruction stands (waiting for approval, scheduled with its date
 * and a Cancel button, done), and the request form with what still relies on the key and the override it then needs.
 */
final class KeyDestructionPanel {

    private final KeyDestructionService destructions;
    private final DestructionPeriods periods;
    private final CurrentUser currentUser;
    private final Clock clock;

    KeyDestructionPanel(KeyDestructionService destructions, DestructionPeriods periods, CurrentUser currentUser, Clock clock) {
        this.destructions = destructions;
        this.periods = periods;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** The key's destructions, newest first, for {@link #status} and {@link #mayRequest}; none for a restricted view. */
    List<Destruction> log(ManagedKey key) {
        return key.restricted() ? List.of() : destructions.log(key.alias());
    }

    /** The latest destruction that has not ended without effect, if any, as a section; {@code reopen} redraws the page. */
    Optional<Component> status(ManagedKey key, List<Destruction> log, Runnable reopen) {
        Optional<Destruction> latest = log.stream()
                .filter(d -> d.status().open() || d.status() == Destruction.Status.DESTROYED).findFirst();
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        Destruction d = latest.get();
        var section = new VerticalLayout(new H4("Destruction"));
        section.setPadding(false);
        section.setSpacing(false);
        section.setId("key-destruction");
        String asked = "Asked by " + d.requester() + " on " + ViewerTime.minute(d.createdAt()) + ": “" + d.reason() + "”";
        var line = new HorizontalLayout();
        line.setAlignItems(FlexComponent.Alignment.BASELINE);
        line.setWrap(true);
        switch (d.status()) {
            case PENDING -> line.add(Badges.of("Waiting for two security officers", Tone.NEUTRAL),
                    new Span("Nothing happens to the key until they approve; it then waits " + d.waitingDays() + " days."));
            case SCHEDULED -> {
                line.add(Badges.of("Will be destroyed on " + ViewerTime.minute(d.destroyAt()), Tone.ERROR),
                        new Span("Nobody can use the key until then; cancelling returns it to "
                                + d.fromState().label().toLowerCase() + "."));
                if (mayCancel(key, d)) {
                    var cancel = new Button("Cancel destruction", VaadinIcon.CLOSE_CIRCLE.create(),
                            e -> cancelDialog(key, d, reopen).open());
                    cancel.setId("cancel-destruction");
                    line.add(cancel);
                }
            }
            case DESTROYING -> line.add(Badges.of("Being destroyed", Tone.ERROR), new Span("The waiting period ended; the "
                    + "HSM objects are being destroyed (retried while a token cannot be reached)."));
            default -> line.add(Badges.of("Destroyed on " + ViewerTime.minute(d.completedAt()), Tone.ERROR),
                    new Span("Every version's key material is gone; the check values and history stay."));
        }
        section.add(line, new Span(asked));
        if (!d.approvers().isEmpty()) {
            section.add(new Span("Approved by " + d.approvers().stream().map(KeyDestructionPanel::signed)
                    .collect(Collectors.joining(", "))));
        }
        if (d.override() != null) {
            section.add(new Span("Override: “" + d.override() + "” (in use when asked: " + String.join(" ", d.inUse()) + ")"));
        }
        return Optional.of(section);
    }

    private static String signed(ChangeApprover a) {
        return a.username() + (a.verified() ? " ✓" : " (signature does not verify)");
    }

    /** Whether the signed-in person may ask to destroy the key now: its owner or an officer, none under way. */
    boolean mayRequest(ManagedKey key, List<Destruction> log) {
        return !key.restricted() && key.state().canMoveTo(KeyState.DESTROY_SCHEDULED) && !currentUser.hasRole(Roles.AUDITOR)
                && (currentUser.hasRole(Roles.SECURITY_OFFICER) || currentUser.username().filter(key.owner()::equals).isPresent())
                && log.stream().noneMatch(d -> d.status().open());
    }

    Button requestButton(ManagedKey key, Runnable reopen) {
        var button = new Button("Request destruction", VaadinIcon.TRASH.create(), e -> requestDialog(key, reopen).open());
        button.setId("request-destruction");
        button.addThemeVariants(ButtonVariant.LUMO_ERROR);
        return button;
    }

    private Dialog requestDialog(ManagedKey key, Runnable reopen) {
        int shortest = periods.waitingDays(key.sensitivity());
        var dialog = new Dialog("Request destruction of " + key.alias());
        var reason = new TextArea("Why destroy it? (the approvers read this; the key's history keeps it)");
        reason.setId("destruction-reason");
        reason.setWidthFull();
        reason.setMaxLength(1000);
        var days = new IntegerField("Waiting period (days)");
        days.setId("destruction-waiting-days");
        days.setValue(shortest);
        days.setHelperText(shortest + " to " + DestructionPeriods.MAX_DAYS + " days for a " + key.sensitivity()
                + " key; it can be cancelled until then.");
        var override = new TextArea("Override: why destroy it although it is still in use? (the approvers sign this)");
        override.setId("destruction-override");
        override.setWidthFull();
        override.setMaxLength(1000);
        var body = new VerticalLayout(new Span("Two security officers other than you approve. The key is then unusable "
                + "for the waiting period, after which every version is destroyed in the HSM for good: whatever it still "
                + "protects can no longer be decrypted or verified."), reason, days);
        body.setPadding(false);
        List<String> inUse = destructions.inUse(key.alias());
        if (!inUse.isEmpty()) {
            var list = new UnorderedList();
            inUse.forEach(line -> list.add(new ListItem(line)));
            list.setId("destruction-in-use");
            body.add(Badges.of("Still in use", Tone.ERROR), list, override);
        }
        var errors = new FormErrors("destruction-error", Map.of("reason", reason, "waitingDays", days, "override", override));
        var confirm = new Button("Request destruction", e -> errors.attempt(() -> {
            Destruction asked = destructions.request(key.alias(), new Destruction.Request(reason.getValue(),
                    days.getValue(), inUse.isEmpty() ? null : override.getValue()));
            dialog.close();
            reopen.run();
            Notices.success("Destruction of " + key.alias() + " requested; two security officers decide it under "
                    + "Approvals, then it waits " + asked.waitingDays() + " days.");
        }));
        confirm.setId("confirm-destruction");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        body.add(errors.line());
        dialog.add(body);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.setWidth("36rem");
        dialog.setMaxWidth("100%");
        return dialog;
    }

    private boolean mayCancel(ManagedKey key, Destruction d) {
        String me = currentUser.username().orElse("");
        return !currentUser.hasRole(Roles.AUDITOR) && clock.instant().isBefore(d.destroyAt())
                && (currentUser.hasRole(Roles.SECURITY_OFFICER) || me.equals(key.owner()) || me.equals(d.requester()));
    }

    private Dialog cancelDialog(ManagedKey key, Destruction d, Runnable reopen) {
        var dialog = new Dialog("Cancel the destruction of " + key.alias());
        var reason = new TextArea("Why keep it? (kept in the key's history)");
        reason.setId("cancel-destruction-reason");
        reason.setWidthFull();
        reason.setMaxLength(1000);
        var errors = new FormErrors("cancel-destruction-error", Map.of("reason", reason));
        var confirm = new Button("Cancel destruction", e -> errors.attempt(() -> {
            destructions.cancel(key.alias(), d.id(), reason.getValue());
            dialog.close();
            reopen.run();
            Notices.success("The destruction of " + key.alias() + " is cancelled; it is "
                    + d.fromState().label().toLowerCase() + " again.");
        }));
        confirm.setId("confirm-cancel-destruction");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(reason, errors.line());
        dialog.getFooter().add(new Button("Keep it scheduled", e -> dialog.close()), confirm);
        dialog.setWidth("30rem");
        return dialog;
    }
}
