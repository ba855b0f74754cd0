package dev.keyward.crypto.api;

import dev.keyward.common.InvalidInputException;
import dev.keyward.crypto.CryptoService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Base64;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The crypto API: applications (and people with tokens) use keys they hold a grant for. Binary values are
 * base64; ciphertexts, signatures and MACs are {@code kw:v<version>:<base64url>}.
 */
@RestController
@RequestMapping("/api/v1/keys/{alias}")
@Tag(name = "Crypto", description = "Encrypt, decrypt, sign, verify and MAC with keys you hold a grant for. Errors are "
        + "problem details: 400 malformed input, 401 token, 403 no grant, 404 unknown key, 409 the key's state forbids, "
        + "422 authentication tag mismatch, 503 HSM unavailable (with Retry-After).")
class CryptoController {

    private final CryptoService crypto;

    CryptoController(CryptoService crypto) {
        this.crypto = crypto;
    }

    record EncryptBody(String plaintext, String context) {
    }

    record CiphertextBody(String ciphertext, String context) {
    }

    record MessageBody(String message) {
    }

    record SignBody(String message, String digest) {
    }

    record SignatureBody(String message, String digest, String signature) {
    }

    record MacBody(String message, String mac) {
    }

    record Ciphertext(String ciphertext) {
    }

    record Plaintext(String plaintext) {
    }

    record Signature(String signature) {
    }

    record Mac(String mac) {
    }

    record Validity(boolean valid) {
    }

    @PostMapping("/encrypt")
    @Operation(summary = "Encrypt with the current version", description = "AES-256-GCM. The optional context is "
            + "bound as associated data: decrypt needs the same context. Needs USE_ENCRYPT on an ACTIVE key.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    value = "{\"plaintext\": \"NDExMTExMTExMTExMTExMQ==\", \"context\": \"b3JkZXItNDIx\"}"))))
    Ciphertext encrypt(@PathVariable String alias, @RequestBody EncryptBody body) {
        return new Ciphertext(crypto.encrypt(alias, base64("plaintext", required("plaintext", body.plaintext())),
                base64("context", body.context())));
    }

    @PostMapping("/decrypt")
    @Operation(summary = "Decrypt a ciphertext of any version", description = "Needs USE_DECRYPT; works while the key "
            + "is ACTIVE, SUSPENDED or DEACTIVATED. A ciphertext that was altered, made under another key or with "
            + "another context is refused with 422.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    value = "{\"ciphertext\": \"kw:v1:q0fXv3L...\", \"context\": \"b3JkZXItNDIx\"}"))))
    Plaintext decrypt(@PathVariable String alias, @RequestBody CiphertextBody body) {
        byte[] plaintext = crypto.decrypt(alias, required("ciphertext", body.ciphertext()), base64("context", body.context()));
        return new Plaintext(Base64.getEncoder().encodeToString(plaintext));
    }

    @PostMapping("/rewrap")
    @Operation(summary = "Move a ciphertext to the current version", description = "Decrypts and encrypts again "
            + "inside Keyward; the plaintext is never returned. Needs USE_DECRYPT and USE_ENCRYPT on an ACTIVE key.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    value = "{\"ciphertext\": \"kw:v1:q0fXv3L...\", \"context\": \"b3JkZXItNDIx\"}"))))
    Ciphertext rewrap(@PathVariable String alias, @RequestBody CiphertextBody body) {
        return new Ciphertext(crypto.rewrap(alias, required("ciphertext", body.ciphertext()), base64("context", body.context())));
    }

    @PostMapping("/sign")
    @Operation(summary = "Sign a message or a SHA-256 digest with the current version", description = "ECDSA (SHA-256 "
            + "on P-256, SHA-384 on P-384, IEEE P1363 format) or RSA-PSS with SHA-256 over the message; or, on P-256 "
            + "keys, ECDSA over a SHA-256 digest you computed (the same signature the message would get). Send "
            + "exactly one of message and digest. Needs USE_SIGN on an ACTIVE key.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
                    @ExampleObject(name = "message", value = "{\"message\": \"aW52b2ljZSA0MjE=\"}"),
                    @ExampleObject(name = "digest", value = "{\"digest\": \"n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=\"}")})))
    Signature sign(@PathVariable String alias, @RequestBody SignBody body) {
        return new Signature(crypto.sign(alias, base64("message", body.message()), base64("digest", body.digest())));
    }

    @PostMapping("/verify")
    @Operation(summary = "Verify a signature over a message or a SHA-256 digest", description = "Answers "
            + "{\"valid\": false} for a signature that does not match. Needs USE_VERIFY.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    value = "{\"message\": \"aW52b2ljZSA0MjE=\", \"signature\": \"kw:v1:MEUCIQ...\"}"))))
    Validity verify(@PathVariable String alias, @RequestBody SignatureBody body) {
        return new Validity(crypto.verify(alias, base64("message", body.message()), base64("digest", body.digest()),
                required("signature", body.signature())));
    }

    @PostMapping("/mac")
    @Operation(summary = "HMAC-SHA256 with the current version", description = "Needs USE_SIGN on an ACTIVE key.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    value = "{\"message\": \"aW52b2ljZSA0MjE=\"}"))))
    Mac mac(@PathVariable String alias, @RequestBody MessageBody body) {
        return new Mac(crypto.mac(alias, base64("message", required("message", body.message()))));
    }

    @PostMapping("/mac-verify")
    @Operation(summary = "Check a MAC", description = "Answers {\"valid\": false} for a MAC that does not match. "
            + "Needs USE_VERIFY.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    value = "{\"message\": \"aW52b2ljZSA0MjE=\", \"mac\": \"kw:v1:3q2-7w...\"}"))))
    Validity verifyMac(@PathVariable String alias, @RequestBody MacBody body) {
        return new Validity(crypto.verifyMac(alias, base64("message", required("message", body.message())),
                required("mac", body.mac())));
    }

    private static String required(String field, String value) {
        if (value == null) {
            throw new InvalidInputException("The field '" + field + "' is missing.");
        }
        return value;
    }

    private static byte[] base64(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("The field '" + field + "' is not valid base64.");
        }
    }
}
