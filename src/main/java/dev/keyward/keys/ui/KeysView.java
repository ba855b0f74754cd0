package dev.keyward.keys.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import dev.keyward.hsm.KeyAlgorithm;
import dev.keyward.identity.CurrentUser;
import dev.keyward.identity.Roles;
import dev.keyward.keys.KeyFilter;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.KeyService;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.ManagedKey;
import dev.keyward.keys.NewKey;
import dev.keyward.keys.Sensitivity;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.security.access.AccessDeniedException;

/**
 * The key inventory: everyone sees the catalogue; security officers create keys; the detail offers exactly the
 * state changes the caller may make.
 */
@Route("keys")
@PageTitle("Keys · Keyward")
@Menu(title = "Keys", order = 10, icon = "vaadin:key")
@PermitAll
public class KeysView extends VerticalLayout {

    /** Cryptoperiods this close to their end are flagged as due soon. */
    static final Duration DUE_SOON = Duration.ofDays(60);

    private final KeyService keys;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final Grid<ManagedKey> grid = new Grid<>();
    private final HorizontalLayout counts = new HorizontalLayout();
    private final Select<KeyState> state = new Select<>();
    private final Select<Sensitivity> sensitivity = new Select<>();
    private final TextField search = new TextField("Search");
    private final TextField owner = new TextField("Owner");
    private final Checkbox overdueOnly = new Checkbox("Overdue only");

    KeysView(KeyService keys, CurrentUser currentUser, Clock clock) {
        this.keys = keys;
        this.currentUser = currentUser;
        this.clock = clock;
        setSizeFull();
        state.setLabel("State");
        state.setItems(KeyState.values());
        state.setItemLabelGenerator(s -> s == null ? "Any" : s.label()); // the empty choice comes as null
        state.setEmptySelectionAllowed(true);
        state.setEmptySelectionCaption("Any");
        sensitivity.setLabel("Sensitivity");
        sensitivity.setItems(Sensitivity.values());
        sensitivity.setEmptySelectionAllowed(true);
        sensitivity.setEmptySelectionCaption("Any");
        search.setId("key-search");
        search.setPlaceholder("alias or description");
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setClearButtonVisible(true);
        search.addValueChangeListener(e -> filter());
        owner.setValueChangeMode(ValueChangeMode.LAZY);
        owner.setClearButtonVisible(true);
        state.addValueChangeListener(e -> filter());
        sensitivity.addValueChangeListener(e -> filter());
        owner.addValueChangeListener(e -> filter());
        overdueOnly.addValueChangeListener(e -> filter());

        var create = new Button("Create key", VaadinIcon.PLUS.create(), e -> createDialog().open());
        create.setId("create-key");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(currentUser.hasRole(Roles.SECURITY_OFFICER));
        var filters = new HorizontalLayout(search, state, sensitivity, owner, overdueOnly);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        var title = new HorizontalLayout(new H2("Keys"), create);
        title.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        counts.setId("key-counts");
        counts.setWrap(true);
        add(title, counts, filters, grid());
        refresh();
    }

    private Component grid() {
        grid.setId("keys");
        grid.addColumn(ManagedKey::alias).setHeader("Alias").setSortable(true).setFlexGrow(2);
        grid.addColumn(ManagedKey::algorithm).setHeader("Algorithm");
        grid.addColumn(ManagedKey::purpose).setHeader("Purpose");
        grid.addColumn(ManagedKey::sensitivity).setHeader("Sensitivity").setSortable(true);
        grid.addColumn(ManagedKey::owner).setHeader("Owner").setSortable(true);
        grid.addComponentColumn(k -> badge(k.state().label(), stateTheme(k.state()))).setHeader("State").setAutoWidth(true);
        grid.addColumn(k -> k.versions().isEmpty() ? "" : current(k).kcv()).setHeader("KCV");
        grid.addComponentColumn(this::expiry).setHeader("Expires");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addItemClickListener(e -> detail(e.getItem().alias()).open());
        grid.setSizeFull();
        return grid;
    }

    private Component expiry(ManagedKey key) {
        if (key.versions().isEmpty() || key.state() == KeyState.DESTROYED) {
            return new Span("");
        }
        Instant end = current(key).originatorUsageEnd();
        Duration left = Duration.between(clock.instant(), end);
        if (left.isNegative()) {
            return badge("overdue " + (-left.toDays()) + " d", "error");
        }
        return left.compareTo(DUE_SOON) < 0 ? badge("in " + left.toDays() + " d", "contrast") : new Span("in " + left.toDays() + " d");
    }

    private Dialog createDialog() {
        var dialog = new Dialog("Create key");
        var alias = new TextField("Alias");
        alias.setId("new-key-alias");
        alias.setHelperText("lower-case letters, digits and '-', e.g. orders-dek");
        var purpose = new Select<KeyPurpose>();
        purpose.setLabel("Purpose");
        purpose.setItems(KeyPurpose.values());
        purpose.setValue(KeyPurpose.ENCRYPT);
        purpose.setId("new-key-purpose");
        var algorithm = new Select<KeyAlgorithm>();
        algorithm.setLabel("Algorithm");
        algorithm.setItems(KeyAlgorithm.values());
        algorithm.setValue(KeyAlgorithm.AES_256);
        algorithm.setId("new-key-algorithm");
        var level = new Select<Sensitivity>();
        level.setLabel("Sensitivity");
        level.setItems(Sensitivity.values());
        level.setValue(Sensitivity.MEDIUM);
        level.setId("new-key-sensitivity");
        var keyOwner = new TextField("Owner (username)");
        keyOwner.setId("new-key-owner");
        var description = new TextArea("Description");
        description.setMaxLength(1000);
        var save = new Button("Create", e -> run(() -> {
            var created = keys.create(new NewKey(alias.getValue().strip(), algorithm.getValue().name(), purpose.getValue(),
                    level.getValue(), keyOwner.getValue().strip(), description.getValue()));
            dialog.close();
            refresh();
            notify("Key " + created.alias() + " created (KCV " + current(created).kcv() + ").", NotificationVariant.LUMO_SUCCESS);
        }));
        save.setId("save-key");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new FormLayout(alias, purpose, algorithm, level, keyOwner, description));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.setWidth("40rem");
        return dialog;
    }

    private Dialog detail(String alias) {
        ManagedKey key = keys.get(alias);
        var dialog = new Dialog(key.alias());
        var body = new VerticalLayout();
        body.setPadding(false);
        var stateBadge = badge(key.state().label(), stateTheme(key.state()));
        stateBadge.setId("key-detail-state");
        body.add(new HorizontalLayout(stateBadge, new Span(key.algorithm() + " · " + key.purpose() + " · "
                + key.sensitivity() + " · owner " + key.owner() + " · grants up to " + key.maxGrantDays() + " days")));
        if (key.description() != null && !key.description().isBlank()) {
            body.add(new Span(key.description()));
        }
        if (key.restricted()) {
            body.add(new Span("Versions and history are visible to security officers, auditors and the key's owner."));
        } else {
            var versions = new Grid<ManagedKey.Version>();
            versions.setId("key-versions");
            versions.addColumn(ManagedKey.Version::number).setHeader("Version").setWidth("6rem").setFlexGrow(0);
            versions.addColumn(ManagedKey.Version::kcv).setHeader("KCV");
            versions.addColumn(ManagedKey.Version::hsmLabel).setHeader("HSM label").setFlexGrow(2);
            versions.addColumn(v -> day(v.originatorUsageEnd())).setHeader("Originator use until");
            versions.addColumn(v -> day(v.recipientUsageEnd())).setHeader("Recipient use until");
            versions.setItems(key.versions());
            versions.setAllRowsVisible(true);
            var history = new Grid<ManagedKey.StateChange>();
            history.addColumn(c -> day(c.at())).setHeader("When");
            history.addColumn(c -> (c.from() == null ? "" : c.from() + " → ") + c.to()).setHeader("Change").setFlexGrow(2);
            history.addColumn(ManagedKey.StateChange::by).setHeader("By");
            history.addColumn(ManagedKey.StateChange::reason).setHeader("Why").setFlexGrow(2);
            history.setItems(key.history());
            history.setAllRowsVisible(true);
            body.add(versions, history);
        }
        var actions = new HorizontalLayout();
        // The access module's views, by route: keys does not depend on access.
        if (key.state() == KeyState.ACTIVE) {
            var request = new Button("Request access", VaadinIcon.UNLOCK.create(),
                    e -> dialog.getUI().ifPresent(ui -> ui.navigate("request-access", QueryParameters.of("key", key.alias()))));
            request.setId("request-access-to-key");
            request.addClickListener(e -> dialog.close());
            actions.add(request);
        }
        if (!key.restricted()) {
            var who = new Button("Who has access", VaadinIcon.USERS.create(),
                    e -> dialog.getUI().ifPresent(ui -> ui.navigate("who-has-access", QueryParameters.of("key", key.alias()))));
            who.addClickListener(e -> dialog.close());
            var usage = new Button("Usage", VaadinIcon.BAR_CHART.create(),
                    e -> dialog.getUI().ifPresent(ui -> ui.navigate("key-usage", QueryParameters.of("key", key.alias()))));
            usage.setId("key-usage");
            usage.addClickListener(e -> dialog.close());
            actions.add(who, usage);
        }
        for (KeyState target : allowedTargets(key)) {
            var move = new Button(label(target), e -> reasonDialog(key, target, dialog).open());
            move.setId("move-" + target.name().toLowerCase().replace('_', '-'));
            if (target == KeyState.COMPROMISED || target == KeyState.DESTROYED || target == KeyState.DESTROY_SCHEDULED) {
                move.addThemeVariants(ButtonVariant.LUMO_ERROR);
            }
            actions.add(move);
        }
        body.add(actions);
        dialog.add(body);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.setWidth("60rem");
        return dialog;
    }

    /** Only the moves this person may make on this key right now. */
    private List<KeyState> allowedTargets(ManagedKey key) {
        boolean officer = currentUser.hasRole(Roles.SECURITY_OFFICER);
        boolean owner = currentUser.username().filter(key.owner()::equals).isPresent();
        Predicate<KeyState> mayDo = t -> officer || (owner && (t == KeyState.ACTIVE || t == KeyState.SUSPENDED));
        return key.state().next().stream().filter(mayDo).toList();
    }

    private Dialog reasonDialog(ManagedKey key, KeyState target, Dialog detail) {
        var dialog = new Dialog(label(target) + " " + key.alias());
        var reason = new TextArea("Reason (kept in the key's history)");
        reason.setId("transition-reason");
        reason.setWidthFull();
        var confirm = new Button(label(target), e -> run(() -> {
            keys.transition(key.alias(), target, reason.getValue());
            dialog.close();
            detail.close();
            refresh();
            notify(key.alias() + " is now " + target + ".", NotificationVariant.LUMO_SUCCESS);
        }));
        confirm.setId("confirm-transition");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(reason);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.setWidth("30rem");
        return dialog;
    }

    private static String label(KeyState target) {
        return switch (target) {
            case ACTIVE -> "Activate";
            case SUSPENDED -> "Suspend";
            case DEACTIVATED -> "Deactivate";
            case COMPROMISED -> "Mark compromised";
            case DESTROY_SCHEDULED -> "Schedule destruction";
            case DESTROYED -> "Destroy";
            case PRE_ACTIVATION -> "Reset";
        };
    }

    private void refresh() {
        counts.removeAll();
        keys.countByState().forEach((s, n) -> counts.add(badge(s + " " + n, stateTheme(s))));
        long overdue = keys.count(new KeyFilter(null, null, null, null, null, true));
        if (overdue > 0) {
            counts.add(badge("OVERDUE " + overdue, "error"));
        }
        filter();
    }

    /** The grid pages through the database: any number of keys. */
    private void filter() {
        KeyFilter filter = new KeyFilter(state.getValue(), sensitivity.getValue(), blankToNull(owner.getValue()), null,
                blankToNull(search.getValue()), overdueOnly.getValue());
        grid.setItems(query -> keys.find(filter, query.getOffset(), query.getLimit()).stream(),
                query -> (int) keys.count(filter));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private void run(Runnable change) {
        try {
            change.run();
        } catch (InvalidInputException | ConflictException | NotFoundException | AccessDeniedException e) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
    }

    private static void notify(String text, NotificationVariant variant) {
        Notification.show(text, 6000, Notification.Position.TOP_CENTER).addThemeVariants(variant);
    }

    private static ManagedKey.Version current(ManagedKey key) {
        return key.versions().get(key.versions().size() - 1);
    }

    private static Span badge(String text, String theme) {
        var span = new Span(text);
        span.getElement().getThemeList().add("badge " + theme);
        return span;
    }

    private static String stateTheme(KeyState state) {
        return switch (state) {
            case ACTIVE -> "success";
            case PRE_ACTIVATION, SUSPENDED -> "contrast";
            case COMPROMISED, DESTROY_SCHEDULED, DESTROYED -> "error";
            case DEACTIVATED -> "";
        };
    }

    private static String day(Instant instant) {
        return instant == null ? "—" : instant.toString().substring(0, 10);
    }
}
