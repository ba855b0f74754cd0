package dev.keyward.common;

import java.util.NoSuchElementException;

/** What was named does not exist, or not for this caller (HTTP 404). */
public class NotFoundException extends NoSuchElementException {

    public NotFoundException(String message) {
        super(message);
    }
}
