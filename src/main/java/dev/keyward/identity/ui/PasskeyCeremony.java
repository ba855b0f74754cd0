package dev.keyward.identity.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.page.PendingJavaScriptResult;
import com.vaadin.flow.server.VaadinServletRequest;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * Runs the browser side of a passkey ceremony ({@code frontend/js/keyward-passkeys.js}) from a view. The
 * WebAuthn endpoints are CSRF-protected, so each call carries the request's token.
 */
final class PasskeyCeremony {

    private static final String SCRIPT = "context://js/keyward-passkeys.js";

    private PasskeyCeremony() {
    }

    /** Loads the script; call from the view's constructor. */
    static void load(Component view) {
        view.getElement().getNode().runWhenAttached(ui -> ui.getPage().addJavaScript(SCRIPT));
    }

    static PendingJavaScriptResult register(Component view, String label) {
        CsrfToken csrf = csrf();
        return view.getElement().executeJs("return window.keywardPasskeys.register($0, $1, $2)",
                csrf.getHeaderName(), csrf.getToken(), label);
    }

    static PendingJavaScriptResult signIn(Component view) {
        CsrfToken csrf = csrf();
        return view.getElement().executeJs("return window.keywardPasskeys.signIn($0, $1)",
                csrf.getHeaderName(), csrf.getToken());
    }

    /** Stops the ceremony in progress (the page's Cancel button); it then fails with "You cancelled ...". */
    static void cancel(Component view) {
        view.getElement().executeJs("window.keywardPasskeys.cancel()");
    }

    private static CsrfToken csrf() {
        return (CsrfToken) VaadinServletRequest.getCurrent().getAttribute(CsrfToken.class.getName());
    }
}
