package dev.keyward.keys.process;

/** The KeyStateChange process (bpmn/KeyStateChange.bpmn): its key and variables (IDs only). */
public final class KeyStateChangeProcess {

    public static final String KEY = "KeyStateChange";
    /** In (and the business key): the state change request. */
    public static final String REQUEST_ID = "requestId";
    /** The approval case opened for it, handed to the Approval call activity. */
    public static final String APPROVAL_ID = "approvalId";

    private KeyStateChangeProcess() {
    }
}
