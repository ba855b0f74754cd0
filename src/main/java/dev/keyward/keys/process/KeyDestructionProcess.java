package dev.keyward.keys.process;

/** The KeyDestruction process (bpmn/KeyDestruction.bpmn): its key, message, error and variables. */
public final class KeyDestructionProcess {

    public static final String KEY = "KeyDestruction";
    /** In (and the business key): the destruction. */
    public static final String DESTRUCTION_ID = "destructionId";
    /** The approval case opened for it, handed to the Approval call activity. */
    public static final String APPROVAL_ID = "approvalId";
    /** The waiting period's two moments (dates, for the timers): the last notice, and the end. */
    public static final String REMIND_AT = "remindAt";
    public static final String DESTROY_AT = "destroyAt";
    /** Correlated with the business key when somebody cancels during the wait. */
    public static final String MESSAGE_CANCELLED = "DestructionCancelled";
    /** The BPMN error raised when an approved destruction must not go ahead, and the variable carrying why. */
    public static final String ERROR_REFUSED = "DestructionRefused";
    public static final String REFUSAL = "refusal";

    private KeyDestructionProcess() {
    }
}
