package dev.keyward.keys.process;

/** The KeyRotation process (bpmn/KeyRotation.bpmn): its key, error and variables (IDs only). */
public final class KeyRotationProcess {

    public static final String KEY = "KeyRotation";
    /** In (and the business key): the rotation. */
    public static final String ROTATION_ID = "rotationId";
    /** The approval case opened for it, handed to the Approval call activity. */
    public static final String APPROVAL_ID = "approvalId";
    /** The BPMN error raised when an approved rotation cannot be done, and the variable carrying why. */
    public static final String ERROR_ROTATION_FAILED = "RotationFailed";
    public static final String FAILURE = "failure";

    private KeyRotationProcess() {
    }
}
