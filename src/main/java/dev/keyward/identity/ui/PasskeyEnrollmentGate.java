package dev.keyward.identity.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.keyward.identity.PasskeyService;
import org.springframework.stereotype.Component;

/** Sends a signed-in person without a passkey to {@link PasskeyEnrollmentView}, whatever view they asked for. */
@Component
class PasskeyEnrollmentGate implements VaadinServiceInitListener {

    private final AuthenticationContext authentication;
    private final PasskeyService passkeys;

    PasskeyEnrollmentGate(AuthenticationContext authentication, PasskeyService passkeys) {
        this.authentication = authentication;
        this.passkeys = passkeys;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(e -> e.getUI().addBeforeEnterListener(this::check));
    }

    private void check(BeforeEnterEvent event) {
        Class<?> target = event.getNavigationTarget();
        if (target == PasskeyEnrollmentView.class || target == LoginView.class || !authentication.isAuthenticated()) {
            return;
        }
        if (!passkeys.hasPasskey()) {
            event.forwardTo(PasskeyEnrollmentView.class);
        }
    }
}
