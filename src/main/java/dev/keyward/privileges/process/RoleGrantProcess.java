package dev.keyward.privileges.process;

/** The RoleGrant process (bpmn/RoleGrant.bpmn): its key, error and variables (IDs only). */
public final class RoleGrantProcess {

    public static final String KEY = "RoleGrant";
    /** In (and the business key): the role request, stored by identity. */
    public static final String REQUEST_ID = "requestId";
    /** The approval case opened for it, handed to the Approval call activity. */
    public static final String APPROVAL_ID = "approvalId";
    /** The BPMN error raised when an approved role cannot be applied, and the variable carrying why. */
    public static final String ERROR_ROLE_REFUSED = "RoleRefused";
    public static final String REFUSAL = "refusal";

    private RoleGrantProcess() {
    }
}
