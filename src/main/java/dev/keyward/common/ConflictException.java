package dev.keyward.common;

/** The current state of something forbids the change; the message says which state and what to do (HTTP 409). */
public class ConflictException extends IllegalStateException {

    public ConflictException(String message) {
        super(message);
    }
}
