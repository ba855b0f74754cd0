package dev.keyward.identity.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import dev.keyward.identity.CurrentUser;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Person;
import dev.keyward.identity.PersonStatus;
import dev.keyward.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
    private final boolean admin;
    private final Grid<Person> grid = new Grid<>();
    private final TextField search = new TextField();
    private List<Person> all = List.of();

    PeopleView(PeopleService people, CurrentUser currentUser) {
        this.people = people;
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
        grid.addColumn(Person::username).setHeader("Username").setSortable(true);
        grid.addColumn(Person::displayName).setHeader("Name").setSortable(true).setFlexGrow(2);
        grid.addColumn(Person::department).setHeader("Department").setSortable(true);
        grid.addColumn(p -> p.managerUsername() == null ? "" : p.managerUsername()).setHeader("Manager");
        grid.addColumn(p -> String.join(", ", p.roles().stream().sorted().toList())).setHeader("Roles").setFlexGrow(2);
        grid.addComponentColumn(this::status).setHeader("Status");
        if (admin) {
            grid.addComponentColumn(this::actions).setHeader("").setWidth("12rem").setFlexGrow(0);
        }
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
        return grid;
    }

    private Component status(Person person) {
        var badge = new Span(person.locked() ? "LOCKED" : person.status().name());
        badge.getElement().getThemeList().add("badge " + (person.locked() || person.status() != PersonStatus.ACTIVE
                ? "error" : "success"));
        return badge;
    }

    private Component actions(Person person) {
        var edit = new Button("Edit", e -> editDialog(person).open());
        var unlock = new Button("Unlock", e -> run(() -> people.unlock(person.username()), person.username() + " unlocked."));
        unlock.setVisible(person.locked());
        unlock.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        return new HorizontalLayout(edit, unlock);
    }

    private Dialog editDialog(Person person) {
        var dialog = new Dialog("Edit " + person.displayName());
        var roles = new CheckboxGroup<String>("Roles");
        roles.setItems(Roles.ALL);
        roles.setValue(person.roles());
        roles.setItemEnabledProvider(role -> !Roles.EMPLOYEE.equals(role));
        var status = new Select<PersonStatus>();
        status.setLabel("Status");
        status.setItems(PersonStatus.values());
        status.setValue(person.status());
        var save = new Button("Save", e -> {
            run(() -> {
                if (!roles.getValue().equals(person.roles())) {
                    people.changeRoles(person.username(), new HashSet<>(roles.getValue()));
                }
                if (status.getValue() != person.status()) {
                    people.changeStatus(person.username(), status.getValue());
                }
            }, person.displayName() + " updated.");
            dialog.close();
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(roles, status));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        return dialog;
    }

    private void run(Runnable change, String done) {
        try {
            change.run();
            Notification.show(done, 3000, Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (InvalidInputException | ConflictException | NotFoundException e) {
            Notification.show(e.getMessage(), 6000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    private void refresh() {
        all = people.list();
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
