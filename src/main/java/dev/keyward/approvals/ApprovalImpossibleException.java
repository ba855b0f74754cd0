package dev.keyward.approvals;

import dev.keyward.common.ConflictException;

/** A change nobody could approve: the message names the approval step nobody is left to fill (HTTP 409). */
public class ApprovalImpossibleException extends ConflictException {

    public ApprovalImpossibleException(String message) {
        super(message);
    }
}
