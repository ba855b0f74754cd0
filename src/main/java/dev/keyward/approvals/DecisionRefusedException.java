package dev.keyward.approvals;

import dev.keyward.common.ConflictException;

/** A decision that may not be taken (separation of duties, state, or a signature that does not verify); audited. */
public class DecisionRefusedException extends ConflictException {

    public DecisionRefusedException(String message) {
        super(message);
    }
}
