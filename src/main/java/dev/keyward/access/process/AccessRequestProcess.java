package dev.keyward.access.process;

/** The AccessRequest process (bpmn/AccessRequest.bpmn): its key, messages and variables (IDs only). */
public final class AccessRequestProcess {

    public static final String KEY = "AccessRequest";
    /** In (and the business key): the access request. */
    public static final String REQUEST_ID = "requestId";
    /** The approval case opened for it, handed to the Approval call activity. */
    public static final String APPROVAL_ID = "approvalId";
    /** From the Approval call activity: APPROVED, REJECTED or EXPIRED. */
    public static final String APPROVAL_OUTCOME = "approvalOutcome";
    public static final String GRANT_ID = "grantId";
    /** The BPMN error raised when provisioning refuses, and the variable carrying its reason. */
    public static final String ERROR_GRANT_REFUSED = "GrantRefused";
    public static final String REFUSAL = "refusal";
    /** Correlated (by business key) when a grant is revoked early. */
    public static final String MESSAGE_GRANT_REVOKED = "GrantRevoked";

    private AccessRequestProcess() {
    }
}
