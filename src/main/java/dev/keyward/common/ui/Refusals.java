package dev.keyward.common.ui;

import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import org.springframework.security.access.AccessDeniedException;

/**
 * Refusals are answers, not errors: bad input, a state that does not allow it, something that is not there, or
 * something this person may not do. Their messages are written for the person and are shown as they are.
 */
public final class Refusals {

    private Refusals() {
    }

    public static boolean isRefusal(Throwable error) {
        return error instanceof InvalidInputException || error instanceof ConflictException
                || error instanceof NotFoundException || error instanceof AccessDeniedException;
    }

    /**
     * What to tell the person about a refusal. A denial from a service says why; one from a method-security rule
     * only says "Access Denied", which is replaced by a sentence.
     */
    public static String message(Throwable refusal) {
        String message = refusal.getMessage();
        boolean bare = refusal instanceof AccessDeniedException
                && (message == null || message.isBlank() || "Access Denied".equals(message));
        return bare ? "You may not do this." : message;
    }

    /** Runs a change that no form field stands for; a refusal is shown as a notice, not thrown. */
    public static boolean attempt(Runnable change) {
        try {
            change.run();
            return true;
        } catch (InvalidInputException | ConflictException | NotFoundException | AccessDeniedException e) {
            Notices.error(message(e));
            return false;
        }
    }
}
