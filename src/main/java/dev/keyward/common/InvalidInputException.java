package dev.keyward.common;

/** The input cannot be used; the message says what to send instead (HTTP 400). */
public class InvalidInputException extends IllegalArgumentException {

    public InvalidInputException(String message) {
        super(message);
    }
}
