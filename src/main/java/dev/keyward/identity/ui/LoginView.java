package dev.keyward.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import java.util.Arrays;
import org.springframework.core.env.Environment;

/**
 * Sign in with a passkey (the normal way) or with a password (first sign-in, then a passkey must be enrolled).
 * Every failure shows the same message, whatever went wrong.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Keyward")
@AnonymousAllowed
public class LoginView extends CardPage implements BeforeEnterObserver {

    private final LoginForm passwordForm = new LoginForm();
    private final Button passkey = new Button("Sign in with a passkey", VaadinIcon.KEY.create(), e -> signInWithPasskey());
    /** While the browser asks for the passkey, then what went wrong (kept, and read out by screen readers). */
    private final Paragraph passkeyStatus = new Paragraph();
    private final Button cancelPasskey = new Button("Cancel", e -> PasskeyCeremony.cancel(this));
    private final AuthenticationContext authentication;

    LoginView(AuthenticationContext authentication, Environment environment) {
        this.authentication = authentication;

        passkey.setId("passkey-sign-in");
        passkey.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        passkeyStatus.setId("passkey-status");
        passkeyStatus.getElement().setAttribute("role", "status");
        passkeyStatus.setVisible(false);
        cancelPasskey.setId("passkey-cancel");
        cancelPasskey.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        cancelPasskey.setVisible(false);

        passwordForm.setAction("login");
        passwordForm.setForgotPasswordButtonVisible(false);
        passwordForm.setI18n(i18n());

        addToCard(new H1("Keyward"), new Paragraph("Governed access to cryptographic keys."), passkey, passkeyStatus,
                cancelPasskey, passwordForm);
        if (Arrays.asList(environment.getActiveProfiles().length > 0
                ? environment.getActiveProfiles() : environment.getDefaultProfiles()).contains("demo")) {
            var hint = new Paragraph("Demo: sign in as alice, bob, carol, heidi (employees), dave or grace "
                    + "(security officers), erin (auditor) or frank (admin), password 'keyward-demo'.");
            hint.addClassName("kw-demo-hint");
            hint.setId("demo-hint");
            addToCard(hint);
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (authentication.isAuthenticated()) {
            event.forwardTo("");
            return;
        }
        passwordForm.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }

    private void signInWithPasskey() {
        passkey.setEnabled(false);
        passkeyStatus.removeClassName("kw-form-error");
        passkeyStatus.setText("Waiting for your passkey: confirm on your device.");
        passkeyStatus.setVisible(true);
        cancelPasskey.setVisible(true);
        PasskeyCeremony.signIn(this).then(ignored -> { }, error -> {
            passkey.setEnabled(true);
            cancelPasskey.setVisible(false);
            passkeyStatus.setText(error);
            passkeyStatus.addClassName("kw-form-error");
        });
    }

    private static LoginI18n i18n() {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Or use your password");
        i18n.getForm().setSubmit("Sign in with password");
        i18n.getErrorMessage().setTitle("Sign-in failed");
        i18n.getErrorMessage().setMessage("Check your username and password, or wait a little and try again.");
        return i18n;
    }
}
