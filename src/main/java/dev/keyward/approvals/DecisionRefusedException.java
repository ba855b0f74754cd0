package dev.keyward.approvals;

/** A decision that may not be taken (separation of duties, state, or a signature that does not verify); audited. */
public class DecisionRefusedException extends IllegalStateException {

    public DecisionRefusedException(String message) {
        super(message);
    }
}
