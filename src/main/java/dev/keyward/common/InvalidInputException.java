package dev.keyward.common;

import java.util.Optional;

/**
 * The input cannot be used; the message says what to send instead (HTTP 400). When one field is to blame, it is
 * named (as the API and the forms call it), so a form shows the message at that field and an API problem detail
 * carries it as {@code field}.
 */
public class InvalidInputException extends IllegalArgumentException {

    private final String field;

    public InvalidInputException(String message) {
        this(null, message);
    }

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
