package dev.keyward.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/**
 * Where a person who signed in with a password must go first: approvals and key operations are bound to
 * passkeys, so nothing else is reachable until one is enrolled (see {@link PasskeyEnrollmentGate}).
 */
@Route(value = "enroll-passkey", autoLayout = false)
@PageTitle("Create your passkey · Keyward")
@PermitAll
public class PasskeyEnrollmentView extends CardPage {

    private final TextField label = new TextField("Name this passkey");

    PasskeyEnrollmentView() {
        label.setId("passkey-label");
        label.setValue("My passkey");
        label.setMaxLength(100);
        label.setHelperText("For example the device or security key it lives on.");
        var create = new Button("Create passkey", VaadinIcon.KEY.create(), e -> enrol());
        create.setId("create-passkey");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        addToCard(new H2("Create your passkey"),
                new Paragraph("Keyward uses passkeys to sign you in and to sign your approvals. Create one now on "
                        + "this device; you will use it instead of your password from now on."),
                label, create);
    }

    private void enrol() {
        String name = label.getValue().isBlank() ? "My passkey" : label.getValue().strip();
        PasskeyCeremony.register(this, name).then(ignored -> {
            Notification.show("Passkey created.", 3000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            getUI().ifPresent(ui -> ui.navigate(""));
        }, error -> Notification.show(error, 8000,
                Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_ERROR));
    }
}
