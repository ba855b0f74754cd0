package dev.keyward.keys.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.component.html.AttachmentType;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.WithdrawButton;
import dev.keyward.common.ui.Badges.Tone;
import dev.keyward.common.ui.Badges;
import dev.keyward.common.ui.FoldingFilters;
import dev.keyward.common.ui.FormErrors;
import dev.keyward.common.ui.Notices;
import dev.keyward.common.ui.PersonLabel;
import dev.keyward.common.ui.RowDetails;
import dev.keyward.common.ui.ViewerTime;
import dev.keyward.common.ui.Words;
import dev.keyward.hsm.KeyAlgorithm;
import dev.keyward.identity.CurrentUser;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Roles;
import dev.keyward.keys.Destruction;
import dev.keyward.keys.DestructionPeriods;
import dev.keyward.keys.KeyDestructionService;
import dev.keyward.keys.KeyFilter;
import dev.keyward.keys.KeyRetirementService;
import dev.keyward.keys.Retirement;
import dev.keyward.keys.RetirementQuietPeriod;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.KeyRotationService;
import dev.keyward.keys.KeyService;
import dev.keyward.keys.KeyStateRequestService;
import dev.keyward.keys.StateRequest;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.ManagedKey;
import dev.keyward.keys.NewKey;
import dev.keyward.keys.Rotation;
import dev.keyward.keys.RotationPeriods;
import dev.keyward.keys.Sensitivity;
import dev.keyward.keys.internal.RotationLogCsv;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

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
    private final KeyRotationService rotations;
    private final KeyDestructionPanel destruction;
    private final KeyRetirementService retirements;
    private final RetirementQuietPeriod quietPeriod;
    private final KeyStateRequestService stateRequests;
    private final ObjectMapper json;
    private final PeopleService people;
    private final CurrentUser currentUser;
    private final ApprovalService approvals;
    /** Owners' display names, asked once per owner as pages of keys come in. */
    private final Map<String, String> ownerNames = new HashMap<>();
    private final Clock clock;
    private final Grid<ManagedKey> grid = new Grid<>();
    private final HorizontalLayout counts = new HorizontalLayout();
    private final Select<KeyState> state = new Select<>();
    private final Select<Sensitivity> sensitivity = new Select<>();
    private final TextField search = new TextField("Search");
    private final TextField owner = new TextField("Owner");
    private final Checkbox overdueOnly = new Checkbox("Overdue only");

    KeysView(KeyService keys, KeyRotationService rotations, KeyDestructionService destructions,
             DestructionPeriods destructionPeriods, KeyRetirementService retirements, RetirementQuietPeriod quietPeriod,
             KeyStateRequestService stateRequests, ObjectMapper json, PeopleService people, CurrentUser currentUser,
             ApprovalService approvals, Clock clock) {
        this.keys = keys;
        this.rotations = rotations;
        this.destruction = new KeyDestructionPanel(destructions, destructionPeriods, currentUser, clock);
        this.retirements = retirements;
        this.quietPeriod = quietPeriod;
        this.stateRequests = stateRequests;
        this.json = json;
        this.people = people;
        this.currentUser = currentUser;
        this.approvals = approvals;
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
        state.setId("key-state-filter");
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
        add(title(create), counts, filters(), grid());
        refresh();
    }

    private Component title(Button create) {
        var title = new HorizontalLayout(new H2("Keys"), create);
        title.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        title.setWrap(true);
        counts.setId("key-counts");
        counts.setWrap(true);
        return title;
    }

    /** Search stays in view; on a phone the other filters fold behind "More filters" so the keys stay on screen. */
    private Component filters() {
        return FoldingFilters.of("key-filters", new Component[] {search}, state, sensitivity, owner, overdueOnly);
    }


    private Component grid() {
        grid.setId("keys");
        // The alias is what people look for: it stays in view (frozen) and takes the space left; the other columns are
        // as wide as their longest value (a key check value is a version's detail, in the key's dialog).
        grid.addColumn(ManagedKey::alias).setHeader("Alias").setSortable(true).setWidth("11rem").setFlexGrow(1)
                .setFrozen(true).setTooltipGenerator(ManagedKey::alias);
        grid.addComponentColumn(k -> Badges.of(k.state().label(), stateTone(k.state()))).setHeader("State")
                .setWidth("10rem").setFlexGrow(0);
        grid.addColumn(k -> k.algorithm() + " · " + k.purpose()).setHeader("Type").setWidth("12.5rem").setFlexGrow(0);
        grid.addColumn(ManagedKey::sensitivity).setHeader("Sensitivity").setSortable(true).setWidth("8rem").setFlexGrow(0);
        grid.addColumn(k -> owner(k.owner())).setHeader("Owner").setSortable(true).setWidth("10.5rem").setFlexGrow(0)
                .setTooltipGenerator(k -> owner(k.owner()));
        grid.addComponentColumn(this::expiry).setHeader("Expires").setWidth("6.5rem").setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        RowDetails.open(grid, k -> detail(k.alias()).open());
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
            return Badges.of("overdue " + (-left.toDays()) + " d", Tone.ERROR);
        }
        return left.compareTo(DUE_SOON) < 0 ? Badges.of("in " + left.toDays() + " d", Tone.NEUTRAL)
                : new Span("in " + left.toDays() + " d");
    }

    private String owner(String username) {
        ownerNames.computeIfAbsent(username, u -> people.displayNames(List.of(u)).getOrDefault(u, ""));
        return PersonLabel.of(username, ownerNames);
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
        description.setId("new-key-description");
        description.setMaxLength(1000);
        var errors = new FormErrors("new-key-error", Map.of("alias", alias, "purpose", purpose, "algorithm", algorithm,
                "sensitivity", level, "owner", keyOwner, "description", description));
        var save = new Button("Create", e -> errors.attempt(() -> {
            var created = keys.create(new NewKey(alias.getValue().strip(), algorithm.getValue().name(), purpose.getValue(),
                    level.getValue(), keyOwner.getValue().strip(), description.getValue()));
            dialog.close();
            refresh();
            Notices.success("Key " + created.alias() + " created (KCV " + current(created).kcv() + ").");
        }));
        save.setId("save-key");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new FormLayout(alias, purpose, algorithm, level, keyOwner, description, errors.line());
        form.setColspan(errors.line(), 2);
        dialog.add(form);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.setWidth("40rem");
        dialog.setMaxWidth("100%");
        return dialog;
    }

    private Dialog detail(String alias) {
        ManagedKey key = keys.get(alias);
        List<Rotation> log = key.restricted() ? List.of() : rotations.log(alias);
        var dialog = new Dialog(key.alias());
        var body = new VerticalLayout();
        body.setPadding(false);
        var stateBadge = Badges.of(key.state().label(), stateTone(key.state()));
        stateBadge.setId("key-detail-state");
        var facts = new HorizontalLayout(stateBadge, new Span(key.algorithm() + " · " + key.purpose() + " · "
                + key.sensitivity() + " · owner " + owner(key.owner())
                + " · grants up to " + key.maxGrantDays() + " days"));
        facts.setWrap(true);
        body.add(facts);
        if (key.description() != null && !key.description().isBlank()) {
            body.add(new Span(key.description()));
        }
        Runnable reopen = () -> {
            dialog.close();
            refresh();
            detail(alias).open();
        };
        List<Destruction> destructions = destruction.log(key);
        List<StateRequest> pendingStates = key.restricted() ? List.of() : stateRequests.log(alias).stream()
                .filter(r -> r.status() == StateRequest.Status.PENDING).toList();
        if (!key.restricted()) {
            destruction.status(key, destructions, reopen).ifPresent(body::add);
            pendingStates.forEach(r -> {
                var pending = new HorizontalLayout(Badges.of((r.to() == KeyState.ACTIVE ? "Re-activation" : "Deactivation")
                        + " waiting for approval", Tone.NEUTRAL), new Span("Asked by " + r.requester() + " on "
                        + ViewerTime.minute(r.createdAt()) + ": “" + r.reason() + "”"));
                pending.setId("key-state-request-" + r.to().name().toLowerCase());
                pending.setWrap(true);
                pending.setAlignItems(FlexComponent.Alignment.BASELINE);
                body.add(pending);
            });
        }
        if (key.restricted()) {
            body.add(new Span("Versions and history are visible to security officers, auditors and the key's owner."));
        } else {
            var versions = new Grid<ManagedKey.Version>();
            versions.setId("key-versions");
            versions.addColumn(ManagedKey.Version::number).setHeader("Version").setWidth("6rem").setFlexGrow(0);
            versions.addColumn(ManagedKey.Version::kcv).setHeader("KCV");
            versions.addColumn(ManagedKey.Version::hsmLabel).setHeader("HSM label").setFlexGrow(2);
            versions.addColumn(v -> ViewerTime.day(v.originatorUsageEnd())).setHeader("Originator use until");
            versions.addColumn(v -> ViewerTime.day(v.recipientUsageEnd())).setHeader("Recipient use until");
            Set<Integer> retiring = retirements.log(alias).stream().filter(r -> r.status() == Retirement.Status.PENDING)
                    .map(Retirement::version).collect(Collectors.toSet());
            versions.addComponentColumn(v -> versionStatus(key, v, retiring, reopen)).setHeader("Status").setAutoWidth(true);
            versions.setItems(key.versions());
            versions.setAllRowsVisible(true);
            var history = new Grid<ManagedKey.StateChange>();
            history.addColumn(c -> ViewerTime.minute(c.at())).setHeader("When").setAutoWidth(true);
            history.addColumn(c -> (c.from() == null ? "" : c.from().label() + " → ") + c.to().label()).setHeader("Change")
                    .setFlexGrow(2);
            history.addColumn(ManagedKey.StateChange::by).setHeader("By");
            history.addColumn(ManagedKey.StateChange::reason).setHeader("Why").setFlexGrow(2)
                    .setTooltipGenerator(ManagedKey.StateChange::reason);
            history.setItems(key.history());
            history.setAllRowsVisible(true);
            body.add(versions, history, rotationLog(key, log, reopen));
        }
        var actions = new HorizontalLayout();
        actions.setWrap(true);
        // The access module's views, by route: keys does not depend on access.
        if (key.state() == KeyState.ACTIVE && !currentUser.hasRole(Roles.AUDITOR)) { // auditors request no access
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
        boolean compromised = key.state() == KeyState.COMPROMISED;
        if (mayAskRotation(key) && log.stream().noneMatch(r -> r.status().open()
                && (!compromised || r.trigger() == Rotation.Trigger.EMERGENCY))) {
            var rotate = new Button(compromised ? "Request emergency rotation" : "Request rotation",
                    VaadinIcon.REFRESH.create(), e -> rotationDialog(key, dialog).open());
            rotate.setId("request-rotation");
            actions.add(rotate);
        }
        for (KeyState target : allowedTargets(key)) {
            var move = new Button(label(target), e -> reasonDialog(key, target, dialog).open());
            move.setId("move-" + target.name().toLowerCase().replace('_', '-'));
            if (target == KeyState.COMPROMISED) {
                move.addThemeVariants(ButtonVariant.LUMO_ERROR);
            }
            actions.add(move);
        }
        if (mayAskStateChange(key)) {
            Set<KeyState> asked = pendingStates.stream().map(StateRequest::to).collect(Collectors.toSet());
            for (KeyState target : key.state().approvedMoves().stream().filter(t -> !asked.contains(t)).toList()) {
                var ask = new Button(target == KeyState.ACTIVE ? "Request re-activation" : "Request deactivation",
                        e -> stateRequestDialog(key, target, dialog).open());
                ask.setId("request-" + target.name().toLowerCase());
                actions.add(ask);
            }
        }
        if (destruction.mayRequest(key, destructions)) {
            actions.add(destruction.requestButton(key, reopen));
        }
        body.add(actions);
        dialog.add(body);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.setWidth("60rem");
        dialog.setMaxWidth("100%");
        return dialog;
    }

    /** Current, withdrawn, waiting for its retirement, or (for the owner and officers) a button to retire it. */
    private Component versionStatus(ManagedKey key, ManagedKey.Version version, Set<Integer> retiring, Runnable reopen) {
        if (version.number() == key.versions().size()) {
            return Badges.of("Current", Tone.SUCCESS);
        }
        if (version.compromisedAt() != null) {
            return Badges.of("Compromised", Tone.ERROR);
        }
        if (version.retiredAt() != null) {
            return Badges.of("Retired " + ViewerTime.day(version.retiredAt()), Tone.PLAIN);
        }
        if (retiring.contains(version.number())) {
            return Badges.of("Retirement asked", Tone.NEUTRAL);
        }
        boolean mayRetire = !currentUser.hasRole(Roles.AUDITOR) && key.state() != KeyState.DESTROY_SCHEDULED
                && key.state() != KeyState.DESTROYED && (currentUser.hasRole(Roles.SECURITY_OFFICER)
                || currentUser.username().filter(key.owner()::equals).isPresent());
        if (!mayRetire) {
            return new Span("Decrypts and verifies");
        }
        var retire = new Button("Retire", e -> VersionRetirementDialog.open(retirements, quietPeriod, key,
                version.number(), reopen).open());
        retire.setId("retire-v" + version.number());
        retire.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        return retire;
    }

    /** Every rotation of the key, newest first, with its approvers; downloadable as CSV and JSON. */
    private Component rotationLog(ManagedKey key, List<Rotation> log, Runnable reopen) {
        var section = new VerticalLayout();
        section.setPadding(false);
        section.setSpacing(false);
        section.add(new H4("Rotations"));
        rotations.schedule(key.alias()).ifPresent(schedule -> {
            var line = new HorizontalLayout(new Span("Rotated every " + schedule.periodDays() + " days"
                    + (schedule.defaultPeriod() ? " (the default for " + key.sensitivity() + " keys)" : "")
                    + " · version " + schedule.version() + " is due " + ViewerTime.day(schedule.dueAt())));
            line.setId("rotation-schedule");
            if (schedule.overdue(clock.instant())) {
                line.add(Badges.of("Rotation overdue", Tone.ERROR));
            }
            if (currentUser.hasRole(Roles.SECURITY_OFFICER)) {
                var change = new Button("Change period", e -> periodDialog(key, schedule, reopen).open());
                change.setId("change-rotation-period");
                change.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                line.add(change);
            }
            line.setAlignItems(FlexComponent.Alignment.BASELINE);
            line.setWrap(true);
            section.add(line);
        });
        if (log.isEmpty()) {
            section.add(new Span(key.state() != KeyState.ACTIVE ? "Never rotated."
                    : "Not rotated yet. The key owner or a security officer can request a rotation; the owner "
                    + "(their manager when the owner asks) and a security officer approve it."));
            return section;
        }
        var grid = new Grid<Rotation>();
        grid.setId("key-rotations");
        grid.addColumn(r -> ViewerTime.minute(r.createdAt())).setHeader("Requested").setAutoWidth(true);
        grid.addComponentColumn(r -> Badges.of(r.status().label(), switch (r.status()) {
            case DONE -> Tone.SUCCESS;
            case PENDING, ROTATING, WITHDRAWN -> Tone.NEUTRAL;
            case REJECTED, EXPIRED, FAILED -> Tone.ERROR;
        })).setHeader("Status").setAutoWidth(true);
        grid.addColumn(r -> "v" + r.oldVersion() + " (" + r.oldKcv() + ")"
                + (r.newVersion() != null && r.newKcv() != null ? " → v" + r.newVersion() + " (" + r.newKcv() + ")" : ""))
                .setHeader("Versions (KCV)").setAutoWidth(true);
        grid.addColumn(r -> Words.of(r.trigger()) + ", by " + r.requester() + ": " + r.reason()).setHeader("Why")
                .setFlexGrow(2).setTooltipGenerator(Rotation::reason);
        grid.addColumn(r -> r.approvers().isEmpty() ? "—" : r.approvers().stream()
                .map(a -> a.username() + (a.verified() ? " ✓" : " (signature does not verify)"))
                .collect(Collectors.joining(", "))).setHeader("Approved by").setFlexGrow(1)
                .setTooltipGenerator(r -> r.outcome() == null ? "" : r.outcome());
        String me = currentUser.requireUsername();
        if (log.stream().anyMatch(r -> r.status() == Rotation.Status.PENDING && r.requester().equals(me))) {
            grid.addComponentColumn(r -> r.status() == Rotation.Status.PENDING && r.requester().equals(me)
                    && r.approvalId() != null
                    ? WithdrawButton.of(approvals, r.approvalId(), "the rotation of " + key.alias(), reopen)
                    : new Span()).setAutoWidth(true).setFlexGrow(0);
        }
        grid.setItems(log);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        var csv = new Anchor(event -> {
            event.setFileName(key.alias() + "-rotations.csv");
            event.setContentType("text/csv");
            event.getWriter().write(RotationLogCsv.of(rotations.log(key.alias())));
        }, AttachmentType.DOWNLOAD, "Rotation log (CSV)");
        csv.setId("rotations-csv");
        var json = new Anchor(event -> {
            event.setFileName(key.alias() + "-rotations.json");
            event.setContentType("application/json");
            event.getWriter().write(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(rotations.log(key.alias())));
        }, AttachmentType.DOWNLOAD, "Rotation log (JSON)");
        section.add(grid, new HorizontalLayout(csv, json));
        return section;
    }

    /** A security officer gives the key its own rotation period, or returns it to its sensitivity's default. */
    private Dialog periodDialog(ManagedKey key, RotationPeriods.Schedule schedule, Runnable reopen) {
        var dialog = new Dialog("Rotation period of " + key.alias());
        var days = new IntegerField("Rotate every (days)");
        days.setId("rotation-period-days");
        days.setValue(schedule.periodDays());
        days.setHelperText(RotationPeriods.MIN_DAYS + " to " + RotationPeriods.maxDays(key.sensitivity()) + " days (its "
                + "cryptoperiod); the default for " + key.sensitivity() + " keys is "
                + RotationPeriods.defaultDays(key.sensitivity()) + ".");
        var errors = new FormErrors("rotation-period-error", Map.of("periodDays", days));
        var save = new Button("Save", e -> errors.attempt(() -> {
            var changed = rotations.setPeriod(key.alias(), days.getValue());
            dialog.close();
            reopen.run();
            Notices.success(key.alias() + " is rotated every " + changed.periodDays() + " days; version "
                    + changed.version() + " is due " + ViewerTime.day(changed.dueAt()) + ".");
        }));
        save.setId("save-rotation-period");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var reset = new Button("Use the default", e -> errors.attempt(() -> {
            rotations.setPeriod(key.alias(), null);
            dialog.close();
            reopen.run();
            Notices.success(key.alias() + " is rotated every " + RotationPeriods.defaultDays(key.sensitivity())
                    + " days again (the default).");
        }));
        dialog.add(days, errors.line());
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), reset, save);
        return dialog;
    }

    /** The owner or an officer for an ACTIVE key; an officer alone for a COMPROMISED one (an emergency rotation). */
    private boolean mayAskRotation(ManagedKey key) {
        boolean officer = currentUser.hasRole(Roles.SECURITY_OFFICER);
        return key.state() == KeyState.COMPROMISED ? officer : key.state() == KeyState.ACTIVE
                && !currentUser.hasRole(Roles.AUDITOR)
                && (officer || currentUser.username().filter(key.owner()::equals).isPresent());
    }

    private Dialog rotationDialog(ManagedKey key, Dialog detail) {
        var dialog = new Dialog("Request rotation of " + key.alias());
        var reason = new TextArea("Why rotate now? (the approvers read this; the rotation log keeps it)");
        reason.setId("rotation-reason");
        reason.setWidthFull();
        reason.setMaxLength(1000);
        var errors = new FormErrors("rotation-error", Map.of("reason", reason));
        var confirm = new Button("Request rotation", e -> errors.attempt(() -> {
            Rotation asked = rotations.request(key.alias(), reason.getValue());
            dialog.close();
            detail.close();
            Notices.success(asked.trigger() == Rotation.Trigger.EMERGENCY
                    ? "Emergency rotation of " + key.alias() + " requested. It happens once two other security officers "
                    + "approve it under Approvals."
                    : "Rotation of " + key.alias() + " requested. It happens once the key owner (or their manager) "
                    + "and a security officer approve it under Approvals.");
        }));
        confirm.setId("confirm-rotation");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new Span(key.state() == KeyState.COMPROMISED
                ? "Two other security officers decide within hours. A new version is created in the HSM, self-tested and "
                + "made current, and the key is active again; the compromised versions are never used again."
                : "A new version is created in the HSM, self-tested and made current; data protected by the "
                + "current version can still be decrypted and verified."), reason, errors.line());
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.setWidth("32rem");
        return dialog;
    }

    private boolean mayAskStateChange(ManagedKey key) {
        return !key.restricted() && !currentUser.hasRole(Roles.AUDITOR)
                && (currentUser.hasRole(Roles.SECURITY_OFFICER) || currentUser.username().filter(key.owner()::equals).isPresent());
    }

    /** Asks for a move that needs the key owner's and a security officer's approval. */
    private Dialog stateRequestDialog(ManagedKey key, KeyState target, Dialog detail) {
        String verb = target == KeyState.ACTIVE ? "Re-activate" : "Deactivate";
        var dialog = new Dialog(verb + " " + key.alias());
        var reason = new TextArea("Why? (the approvers read this; the key's history keeps it)");
        reason.setId("state-request-reason");
        reason.setWidthFull();
        reason.setMaxLength(1000);
        var errors = new FormErrors("state-request-error", Map.of("reason", reason));
        var confirm = new Button("Request", e -> errors.attempt(() -> {
            stateRequests.request(key.alias(), target, reason.getValue());
            dialog.close();
            detail.close();
            Notices.success(verb + " " + key.alias() + ": requested. It happens once the key owner (or their manager) "
                    + "and a security officer approve it under Approvals.");
        }));
        confirm.setId("confirm-state-request");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new Span(target == KeyState.ACTIVE
                ? "The key encrypts, signs and MACs again for everyone whose grants allow it."
                : "The key stops protecting new data for good; what it protected can still be decrypted and verified."),
                reason, errors.line());
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.setWidth("30rem");
        return dialog;
    }

    /** Only the moves this person may make on this key right now. */
    private List<KeyState> allowedTargets(ManagedKey key) {
        boolean officer = currentUser.hasRole(Roles.SECURITY_OFFICER);
        boolean owner = currentUser.username().filter(key.owner()::equals).isPresent();
        Predicate<KeyState> mayDo = t -> officer || (owner && (t == KeyState.ACTIVE || t == KeyState.SUSPENDED));
        if (key.state() == KeyState.DESTROY_SCHEDULED) { // it stays scheduled, its versions compromised for good
            return officer ? List.of(KeyState.COMPROMISED) : List.of();
        }
        return key.state().directMoves().stream().filter(mayDo).toList();
    }

    private Dialog reasonDialog(ManagedKey key, KeyState target, Dialog detail) {
        var dialog = new Dialog(label(target) + " " + key.alias());
        var reason = new TextArea("Reason (kept in the key's history)");
        reason.setId("transition-reason");
        reason.setWidthFull();
        var errors = new FormErrors("transition-error", Map.of("reason", reason));
        var confirm = new Button(label(target), e -> errors.attempt(() -> {
            keys.transition(key.alias(), target, reason.getValue());
            dialog.close();
            detail.close();
            refresh();
            Notices.success(key.alias() + " is now " + target.label() + ".");
        }));
        confirm.setId("confirm-transition");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(reason, errors.line());
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
            case PRE_ACTIVATION, DESTROY_SCHEDULED, DESTROYED -> target.label(); // never a direct move
        };
    }

    private void refresh() {
        counts.removeAll();
        keys.countByState().forEach((s, n) -> counts.add(Badges.of(s.label() + " " + n, stateTone(s))));
        long overdue = keys.count(new KeyFilter(null, null, null, null, null, true));
        if (overdue > 0) {
            counts.add(Badges.of("Overdue " + overdue, Tone.ERROR));
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

    private static ManagedKey.Version current(ManagedKey key) {
        return key.versions().get(key.versions().size() - 1);
    }

    private static Tone stateTone(KeyState state) {
        return switch (state) {
            case ACTIVE -> Tone.SUCCESS;
            case PRE_ACTIVATION, SUSPENDED -> Tone.NEUTRAL;
            case COMPROMISED, DESTROY_SCHEDULED, DESTROYED -> Tone.ERROR;
            case DEACTIVATED -> Tone.PLAIN;
        };
    }
}
