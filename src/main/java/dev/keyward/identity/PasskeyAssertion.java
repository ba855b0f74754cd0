package dev.keyward.identity;

import dev.keyward.common.InvalidInputException;
/**
 * A WebAuthn assertion as the browser returns it (all fields raw bytes, as in the W3C
 * {@code AuthenticatorAssertionResponse}), kept so that anyone can re-verify it later.
 */
public record PasskeyAssertion(byte[] credentialId, byte[] authenticatorData, byte[] clientDataJson, byte[] signature) {

    public PasskeyAssertion {
        if (credentialId == null || authenticatorData == null || clientDataJson == null || signature == null) {
            throw new InvalidInputException("A passkey assertion needs its credential id, authenticator data, "
                    + "client data and signature.");
        }
    }
}
