package dev.keyward.approvals.process;

/** The Approval process (bpmn/Approval.bpmn): its key and the variables it reads and writes (IDs only). */
public final class ApprovalProcess {

    public static final String KEY = "Approval";
    /** In: the approval case to decide. */
    public static final String APPROVAL_ID = "approvalId";
    /** Internal: the case's slots, one process branch each. */
    public static final String SLOT_IDS = "slotIds";
    public static final String SLOT_ID = "slotId";
    /** Out: APPROVED, REJECTED or EXPIRED. */
    public static final String OUTCOME = "approvalOutcome";

    private ApprovalProcess() {
    }
}
