package dev.keyward.recertification;

import dev.keyward.common.ConflictException;

/**
 * A signed batch refused as a whole: its signature or document did not hold, or an item in it can no longer be
 * decided as signed. Nothing of it was applied; the refusal is recorded (HTTP 409).
 */
public class BatchRefusedException extends ConflictException {

    public BatchRefusedException(String message) {
        super(message);
    }
}
