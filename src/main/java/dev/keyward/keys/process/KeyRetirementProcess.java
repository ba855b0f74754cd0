package dev.keyward.keys.process;

/** The KeyVersionRetirement process (bpmn/KeyVersionRetirement.bpmn): its key, error and variables (IDs only). */
public final class KeyRetirementProcess {

    public static final String KEY = "KeyVersionRetirement";
    /** In (and the business key): the retirement. */
    public static final String RETIREMENT_ID = "retirementId";
    /** The approval case opened for it, handed to the Approval call activity. */
    public static final String APPROVAL_ID = "approvalId";
    /** The BPMN error raised when an approved retirement must not go ahead (the workflow recorded why). */
    public static final String ERROR_REFUSED = "RetirementRefused";

    private KeyRetirementProcess() {
    }
}
