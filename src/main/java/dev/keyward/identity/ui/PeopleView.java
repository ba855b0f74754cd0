package dev.keyward.identity.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.keyward.common.ui.Badges.Tone;
import dev.keyward.common.ui.Badges;
import dev.keyward.common.ui.FormErrors;
import dev.keyward.common.ui.Notices;
import dev.keyward.common.ui.PersonLabel;
import dev.keyward.common.ui.Refusals;
import dev.keyward.common.ui.ViewerTime;
import dev.keyward.common.ui.Words;
import dev.keyward.identity.CurrentUser;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Person;
import dev.keyward.identity.PersonStatus;
import dev.keyward.identity.RoleRequest;
import dev.keyward.identity.RoleRequestService;
import dev.keyward.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The people directory: security officers and auditors read it; administrators also change roles and status
 * and unlock accounts locked by failed sign-ins.
 */
@Route("people")
@PageTitle("People · Keyward")
@Menu(title = "People", order = 80, icon = "vaadin:users")
@RolesAllowed({Roles.ADMIN, Roles.SECURITY_OFFICER, Roles.AUDITOR})
public class PeopleView extends VerticalLayout {

    private final PeopleService people;
    private final RoleRequestService roleRequests;
    private final boolean admin;
    private final Grid<Person> grid = new Grid<>();
    private final TextField search = new TextField();
    private List<Person> all = List.of();
    private Map<String, String> names = Map.of();
    /** Privileged roles asked for each person, still waiting for their two approvers. */
    private Map<String, List<RoleRequest>> pending = Map.of();

    PeopleView(PeopleService people, RoleRequestService roleRequests, CurrentUser currentUser) {
        this.people = people;
        this.roleRequests = roleRequests;
        this.admin = currentUser.hasRole(Roles.ADMIN);
        search.setId("people-search");
        search.setPlaceholder("Search name, username, department");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> filter());
        search.setWidth("24rem");
        add(new H2("People"), search, grid());
        setSizeFull();
        refresh();
    }

    private Component grid() {
        grid.setId("people");
        // The person wins the width; roles are all shown (privileged ones first, highlighted, wrapping onto a second
        // line rather than cut to "..."); the other columns are as wide as their usual content.
        grid.addColumn(p -> p.displayName() + " (" + p.username() + ")").setHeader("Person").setSortable(true)
                .setComparator(Person::username).setWidth("12rem").setFlexGrow(1).setFrozen(true)
                .setTooltipGenerator(p -> p.displayName() + " (" + p.username() + ")");
        grid.addComponentColumn(this::roles).setHeader("Roles").setWidth("14rem").setFlexGrow(0);
        grid.addComponentColumn(this::status).setHeader("Status").setWidth("6.5rem").setFlexGrow(0);
        grid.addColumn(Person::department).setHeader("Department").setSortable(true).setWidth("8rem").setFlexGrow(0)
                .setTooltipGenerator(Person::department);
        grid.addColumn(p -> PersonLabel.of(p.managerUsername(), names)).setHeader("Manager").setWidth("9.5rem")
                .setFlexGrow(0).setTooltipGenerator(p -> PersonLabel.of(p.managerUsername(), names));
        if (admin) {
            grid.addComponentColumn(this::actions).setHeader("").setWidth("10rem").setFlexGrow(0).setFrozenToEnd(true);
        }
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
        return grid;
    }

    private Component roles(Person person) {
        var roles = new HorizontalLayout();
        roles.setSpacing(false);
        roles.getStyle().set("gap", "var(--lumo-space-xs)");
        roles.setWrap(true);
        person.roles().stream().sorted(Comparator.comparing(Roles.ALL::indexOf).reversed())
                .forEach(role -> roles.add(Badges.of(Words.of(role), Roles.EMPLOYEE.equals(role) ? Tone.PLAIN
                        : Roles.PRIVILEGED.contains(role) ? Tone.WARNING : Tone.NEUTRAL)));
        pending.getOrDefault(person.username(), List.of()).forEach(request -> {
            var waiting = Badges.of(Words.of(request.role()) + " · pending", Tone.PLAIN);
            waiting.addClassName("pending-role");
            waiting.getElement().setAttribute("title", "Waiting for two approvers. Asked by " + request.requester() + " on "
                    + ViewerTime.minute(request.createdAt()) + ": " + request.reason());
            roles.add(waiting);
        });
        return roles;
    }

    private Component status(Person person) {
        return Badges.of(person.locked() ? "Locked" : Words.of(person.status()),
                person.locked() || person.status() != PersonStatus.ACTIVE ? Tone.ERROR : Tone.SUCCESS);
    }

    private Component actions(Person person) {
        var edit = new Button("Edit", e -> editDialog(person).open());
        var unlock = new Button("Unlock", e -> {
            if (Refusals.attempt(() -> people.unlock(person.username()))) {
                Notices.success(person.username() + " unlocked.");
            }
            refresh();
        });
        unlock.setVisible(person.locked());
        unlock.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return new HorizontalLayout(edit, unlock);
    }

    private Dialog editDialog(Person person) {
        var dialog = new Dialog("Edit " + person.displayName());
        Set<String> waiting = pending.getOrDefault(person.username(), List.of()).stream().map(RoleRequest::role)
                .collect(Collectors.toSet());
        var roles = new CheckboxGroup<String>("Roles");
        roles.setId("person-roles");
        roles.setItems(Roles.ALL);
        roles.setItemLabelGenerator(role -> Words.of(role) + (waiting.contains(role) ? " (awaiting approval)" : ""));
        roles.setValue(person.roles());
        roles.setItemEnabledProvider(role -> !Roles.EMPLOYEE.equals(role) && !waiting.contains(role));
        roles.setHelperText("Security officer, Auditor and Administrator are given only once two security officers "
                + "or administrators approve; taking a role away is immediate.");
        var reason = new TextArea("Why does " + person.displayName() + " need it? (the approvers read this)");
        reason.setMaxLength(500);
        reason.setWidthFull();
        reason.setId("role-reason");
        reason.setVisible(false);
        roles.addValueChangeListener(e -> reason.setVisible(asksPrivileged(person, e.getValue())));
        var status = new Select<PersonStatus>();
        status.setLabel("Status");
        status.setItems(PersonStatus.values());
        status.setValue(person.status());
        status.setItemLabelGenerator(s -> Words.of(s));
        var errors = new FormErrors("person-error", Map.of("roles", roles, "status", status, "reason", reason));
        var save = new Button("Save", e -> {
            boolean asks = asksPrivileged(person, roles.getValue());
            if (errors.attempt(() -> {
                if (!roles.getValue().equals(person.roles())) {
                    people.changeRoles(person.username(), new HashSet<>(roles.getValue()), reason.getValue());
                }
                if (status.getValue() != person.status()) {
                    people.changeStatus(person.username(), status.getValue());
                }
            })) {
                Notices.success(asks ? person.displayName() + " updated; the new role waits for two approvers (they "
                        + "see it under Approvals)." : person.displayName() + " updated.");
                dialog.close();
            }
            refresh();
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("person-save");
        dialog.add(new VerticalLayout(roles, reason, status, errors.line()));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        return dialog;
    }

    private static boolean asksPrivileged(Person person, Set<String> roles) {
        return roles.stream().anyMatch(r -> RoleRequestService.DUAL_CONTROL.contains(r) && !person.roles().contains(r));
    }

    private void refresh() {
        pending = roleRequests.pending().stream().collect(Collectors.groupingBy(RoleRequest::username));
        all = people.list();
        names = all.stream().collect(Collectors.toMap(Person::username, Person::displayName));
        filter();
    }

    private void filter() {
        String term = search.getValue().strip().toLowerCase(Locale.ROOT);
        grid.setItems(term.isEmpty() ? all : all.stream().filter(p -> matches(p, term)).toList());
    }

    private static boolean matches(Person p, String term) {
        return Set.of(p.username(), p.displayName(), p.department() == null ? "" : p.department()).stream()
                .anyMatch(s -> s.toLowerCase(Locale.ROOT).contains(term));
    }
}
