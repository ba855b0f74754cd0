package dev.keyward.access;

import dev.keyward.common.ConflictException;

/** A pending request for the same key and beneficiary exists already. */
public class DuplicateAccessRequestException extends ConflictException {

    private final String existingId;

    public DuplicateAccessRequestException(String key, String beneficiary, String existingId) {
        super("A request for " + beneficiary + "'s access to " + key + " is already pending (request " + existingId
                + "); follow that one instead.");
        this.existingId = existingId;
    }

    public String existingId() {
        return existingId;
    }
}
