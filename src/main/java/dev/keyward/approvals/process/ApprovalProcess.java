package dev.keyward.approvals.process;

/** The Approval process (bpmn/Approval.bpmn): its key and the variables it reads and writes (IDs only). */
public final class ApprovalProcess {

    public static final String KEY = "Approval";
    /** In: the approval case to decide. */
    public static final String APPROVAL_ID = "approvalId";
    /** Correlated (by business key: the approval id) once every slot approved or one rejected. */
    public static final String SETTLED = "ApprovalSettled";
    /** Out: APPROVED, REJECTED or EXPIRED. */
    public static final String OUTCOME = "approvalOutcome";

    private ApprovalProcess() {
    }
}
