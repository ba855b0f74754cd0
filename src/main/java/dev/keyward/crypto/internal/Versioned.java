package dev.keyward.crypto.internal;

import dev.keyward.common.InvalidInputException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ciphertext, signature or MAC as the API shows it: {@code kw:v<version>:<base64url>}, so that whoever holds one
 * knows which key version made it and a rotation does not strand old data.
 */
public record Versioned(int version, byte[] bytes) {

    private static final Pattern FORMAT = Pattern.compile("kw:v([1-9][0-9]{0,8}):([A-Za-z0-9_-]+={0,2})");

    public static Versioned parse(String text, String what) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw new InvalidInputException("The " + what + " is not in Keyward's format 'kw:v<version>:<base64url>'.");
        }
        try {
            return new Versioned(Integer.parseInt(m.group(1)), Base64.getUrlDecoder().decode(m.group(2)));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("The " + what + " is not in Keyward's format: its data is not valid base64url.");
        }
    }

    public String format() {
        return "kw:v" + version + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
