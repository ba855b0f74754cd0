package dev.keyward.shell.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import dev.keyward.common.ui.Notices;
import dev.keyward.common.ui.Refusals;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a person sees when an action in a view fails in a way the view did not handle: a refusal with its own
 * message, a denial as such, and anything else as a short reference that the log carries next to the error —
 * never the exception's text, which is not written for them (and may name internals).
 */
@Component
class ViewErrors implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(ViewErrors.class);
    private static final SecureRandom REFERENCES = new SecureRandom();

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(new Handler()));
    }

    /** The text for the person; an unexpected error is logged here under the reference it names. */
    static String messageFor(Throwable error) {
        if (Refusals.isRefusal(error)) {
            return Refusals.message(error);
        }
        byte[] bytes = new byte[4];
        REFERENCES.nextBytes(bytes);
        String reference = HexFormat.of().formatHex(bytes);
        log.error("Unexpected error in a view, reference {}", reference, error);
        return "Keyward could not complete this. If it happens again, give your administrator the reference "
                + reference + ".";
    }

    /** Serializable and stateless, as VaadinSession requires of its error handler. */
    private static final class Handler implements ErrorHandler {

        @Override
        public void error(ErrorEvent event) {
            String message = messageFor(event.getThrowable());
            if (UI.getCurrent() != null) {
                Notices.error(message);
            }
        }
    }
}
