package dev.keyward.access;

import dev.keyward.common.ConflictException;

/** The requester has not acknowledged the key-handling policy in force. */
public class PolicyNotAcknowledgedException extends ConflictException {

    public PolicyNotAcknowledgedException(int version) {
        super("Acknowledge the key-handling policy (version " + version + ") before requesting access: in Keyward under "
                + "Request access, or with POST /api/v1/policy-acknowledgements {\"version\": " + version + "}.");
    }
}
