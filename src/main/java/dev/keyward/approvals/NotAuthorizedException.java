package dev.keyward.approvals;

import dev.keyward.common.ConflictException;

/**
 * The engine refuses to authorize a change: the approval is not for this subject, what was signed no longer holds,
 * a slot did not approve or a signature does not verify. The message says which, in plain words (HTTP 409).
 */
public class NotAuthorizedException extends ConflictException {

    public NotAuthorizedException(String message) {
        super(message);
    }
}
