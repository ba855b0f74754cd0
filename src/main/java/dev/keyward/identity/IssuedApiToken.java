package dev.keyward.identity;

/** A newly created token: {@code secret} is shown to its owner once and never again. */
public record IssuedApiToken(ApiToken token, String secret) {
}
