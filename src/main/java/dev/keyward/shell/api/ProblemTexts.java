package dev.keyward.shell.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * What a caller reads when Keyward cannot bind their request: the field, and what it must be, in plain words. Never
 * a Java type name, a parser's position or an object's identity.
 */
final class ProblemTexts {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    private ProblemTexts() {
    }

    static String unreadableBody(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause == null) {
            return "This request needs a JSON body.";
        }
        if (cause instanceof UnrecognizedPropertyException u) {
            return "Unknown field '" + path(u) + "'.";
        }
        if (cause instanceof InvalidNullException n) {
            return "'" + path(n) + "' must not be null.";
        }
        if (cause instanceof MismatchedInputException m) {
            if (String.valueOf(m.getOriginalMessage()).startsWith("Trailing token")) {
                return "The body must hold one JSON value and nothing after it.";
            }
            if (m.getPath().isEmpty()) {
                return "The body must be " + expected(m.getTargetType()) + ".";
            }
            return "'" + path(m) + "' must be " + expected(m.getTargetType()) + ".";
        }
        if (cause instanceof JsonParseException p) {
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(p.getOriginalMessage()));
            if (duplicate.find()) {
                return "The field '" + duplicate.group(1) + "' appears more than once.";
            }
            return "The body is not valid JSON.";
        }
        if (cause instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return "'" + path(m) + "' is not valid.";
        }
        return "The body could not be read as JSON.";
    }

    static String mismatch(String name, Class<?> type) {
        return "'" + name + "' must be " + expected(type) + ".";
    }

    /** What a value of this type looks like, for people. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "a date and time such as 2026-01-31T09:00:00Z";
        }
        if (type == LocalDate.class) {
            return "a date such as 2026-01-31";
        }
        if (type == Duration.class) {
            return "a duration such as P30D";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "text";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "a JSON object";
    }

    private static String path(JsonMappingException e) {
        var path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
