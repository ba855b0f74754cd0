package dev.keyward.crypto;

import dev.keyward.access.Grant;
import dev.keyward.audit.AuditContext;
import dev.keyward.audit.AuditRefusals;
import dev.keyward.common.InvalidInputException;
import dev.keyward.crypto.CryptoEvents.KeyUseDenied;
import dev.keyward.crypto.CryptoEvents.KeyUsed;
import dev.keyward.crypto.CryptoRefusedException.Kind;
import dev.keyward.crypto.internal.CryptoProperties;
import dev.keyward.crypto.internal.Entitlements;
import dev.keyward.crypto.internal.UsageMeter;
import dev.keyward.crypto.internal.Versioned;
import dev.keyward.hsm.HsmBackend;
import dev.keyward.hsm.HsmException;
import dev.keyward.identity.CurrentUser;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.UsableKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Uses keys for the signed-in principal, the way applications call a KMS. Every call checks, in this order: the
 * key exists (404) and is for this kind of operation (400), a grant active now holds the operation's permissions
 * (403, audited), and the key's state allows it (409, audited). Ciphertexts are AES-GCM over the plaintext with
 * the key's alias, the version and the caller's context as associated data, so a ciphertext opens only under the
 * key, version and context it was made for. Allowed uses are metered; on sensitive keys each one is audited.
 * Not transactional: nothing here holds a database transaction open around the HSM.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class CryptoService {

    /** AES-GCM: 12-byte IV before the ciphertext, 16-byte tag after it. */
    private static final int GCM_OVERHEAD = 12 + 16;

    private final Entitlements entitlements;
    private final HsmBackend hsm;
    private final CurrentUser currentUser;
    private final UsageMeter meter;
    private final AuditRefusals refusals;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<AuditContext> auditContext;
    private final CryptoProperties properties;
    private final Clock clock;

    CryptoService(Entitlements entitlements, HsmBackend hsm, CurrentUser currentUser, UsageMeter meter,
                  AuditRefusals refusals, ApplicationEventPublisher events, ObjectProvider<AuditContext> auditContext,
                  CryptoProperties properties, Clock clock) {
        this.entitlements = entitlements;
        this.hsm = hsm;
        this.currentUser = currentUser;
        this.meter = meter;
        this.refusals = refusals;
        this.events = events;
        this.auditContext = auditContext;
        this.properties = properties;
        this.clock = clock;
    }

    /** Encrypts with the current version: {@code kw:v<version>:<base64url>}. */
    public String encrypt(String alias, byte[] plaintext, byte[] context) {
        checkSize("plaintext", plaintext);
        checkSize("context", context);
        return use(alias, CryptoOperation.ENCRYPT, 0, (key, version) ->
                seal(key, version, plaintext, context));
    }

    public byte[] decrypt(String alias, String ciphertext, byte[] context) {
        checkSize("context", context);
        Versioned sealed = parseCiphertext(ciphertext);
        return use(alias, CryptoOperation.DECRYPT, sealed.version(), (key, version) ->
                open(key, sealed, context));
    }

    /** Opens a ciphertext of any version and seals it again under the current one; the plaintext never leaves. */
    public String rewrap(String alias, String ciphertext, byte[] context) {
        checkSize("context", context);
        Versioned sealed = parseCiphertext(ciphertext);
        return use(alias, CryptoOperation.REWRAP, sealed.version(), (key, version) ->
                seal(key, key.currentVersion(), open(key, sealed, context), context));
    }

    /**
     * Signs with the current version: the {@code message} (ECDSA with SHA-256 on P-256, SHA-384 on P-384; RSA-PSS
     * with SHA-256), or a SHA-256 {@code digest} the caller computed (P-256 and RSA keys): exactly one of them.
     */
    public String sign(String alias, byte[] message, byte[] digest) {
        boolean overDigest = checkMessageOrDigest(message, digest);
        return use(alias, CryptoOperation.SIGN, 0, (key, version) -> new Versioned(version, overDigest
                ? hsm.signDigest(key.currentLabel(), digest) : hsm.sign(key.currentLabel(), message)).format());
    }

    public boolean verify(String alias, byte[] message, byte[] digest, String signature) {
        boolean overDigest = checkMessageOrDigest(message, digest);
        Versioned signed = Versioned.parse(signature, "signature");
        return use(alias, CryptoOperation.VERIFY, signed.version(), (key, version) -> overDigest
                ? hsm.verifyDigest(label(key, version), digest, signed.bytes())
                : hsm.verify(label(key, version), message, signed.bytes()));
    }

    /** HMAC-SHA256 with the current version. */
    public String mac(String alias, byte[] message) {
        checkSize("message", message);
        return use(alias, CryptoOperation.MAC, 0, (key, version) ->
                new Versioned(version, hsm.mac(key.currentLabel(), message)).format());
    }

    public boolean verifyMac(String alias, byte[] message, String mac) {
        checkSize("message", message);
        Versioned tagged = Versioned.parse(mac, "MAC");
        return use(alias, CryptoOperation.MAC_VERIFY, tagged.version(), (key, version) ->
                hsm.verifyMac(label(key, version), message, tagged.bytes()));
    }

    private interface Action<T> {
        T run(UsableKey key, int version);
    }

    /** Checks everything, runs the action on the HSM, then meters (and audits where the key asks for it). */
    private <T> T use(String alias, CryptoOperation operation, int requestedVersion, Action<T> action) {
        String principal = currentUser.requireUsername();
        UsableKey key = entitlements.key(alias);
        if (key.state() == KeyState.DESTROYED) {
            throw refuse(alias, operation, requestedVersion, Kind.KEY_DESTROYED, "'" + alias + "' was destroyed: its "
                    + "key material is gone from the HSM and nothing can be encrypted, decrypted, signed or verified with "
                    + "it any more. Its history stays in Keyward.");
        }
        if (key.purpose() != operation.purpose()) {
            throw new InvalidInputException("'" + alias + "' is " + switch (key.purpose()) {
                case ENCRYPT -> "an encryption key";
                case SIGN -> "a signing key";
                case MAC -> "a MAC key";
                case WRAP -> "a key-wrapping key";
            } + "; it cannot " + operation.label() + ".");
        }
        Instant now = clock.instant();
        Grant grant = entitlements.grantsOf(principal, alias).stream()
                .filter(g -> g.activeAt(now) && g.permissions().containsAll(operation.permissions()))
                .findFirst()
                .orElseThrow(() -> refuse(alias, operation, requestedVersion, Kind.NO_GRANT,
                        "You have no grant active now that allows " + operation.label() + " with '" + alias
                                + "' (it needs " + operation.permissions() + "). Request access in Keyward."));
        if (!operation.allowedIn(key.state())) {
            throw refuse(alias, operation, requestedVersion, Kind.STATE_FORBIDS, stateMessage(key, operation));
        }
        int version = requestedVersion == 0 ? key.currentVersion() : requestedVersion;
        if (key.label(version).isEmpty()) {
            throw new InvalidInputException("'" + alias + "' has no version " + version + "; its versions are 1 to "
                    + key.currentVersion() + ".");
        }
        // A rewrap opens with its source version and makes with the current one; the others do one or the other.
        Optional<String> withdrawn = key.refusal(version)
                .or(() -> key.periodRefusal(version, operation.producing() && operation != CryptoOperation.REWRAP, now))
                .or(() -> operation == CryptoOperation.REWRAP ? key.periodRefusal(key.currentVersion(), true, now)
                        : Optional.empty());
        if (withdrawn.isPresent()) {
            throw refuse(alias, operation, version, Kind.STATE_FORBIDS, "'" + alias + "' " + withdrawn.get() + "; "
                    + operation.label() + " is refused.");
        }
        T result;
        try {
            result = action.run(key, version);
        } catch (HsmException e) {
            throw translate(alias, operation, version, e);
        }
        AuditContext context = auditContext.getIfAvailable();
        String client = context == null ? null : context.clientAddress().orElse(null);
        meter.record(grant.id(), alias, version, principal, operation, key.sensitivity(), client, now);
        if (key.sensitivity().compareTo(properties.auditEachUseFrom()) >= 0) {
            events.publishEvent(new KeyUsed(alias, operation, version, grant.id()));
        }
        return result;
    }

    private String seal(UsableKey key, int version, byte[] plaintext, byte[] context) {
        byte[] sealed = hsm.encrypt(key.hsmLabels().get(version), plaintext, associatedData(key.alias(), version, context));
        return new Versioned(version, sealed).format();
    }

    private byte[] open(UsableKey key, Versioned sealed, byte[] context) {
        return hsm.decrypt(label(key, sealed.version()), sealed.bytes(), associatedData(key.alias(), sealed.version(), context));
    }

    private static String label(UsableKey key, int version) {
        return key.label(version).orElseThrow();
    }

    /** What AES-GCM authenticates besides the plaintext: format tag, alias, version, then the caller's context. */
    private static byte[] associatedData(String alias, int version, byte[] context) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(("kw1\0" + alias + "\0" + version + "\0").getBytes(StandardCharsets.UTF_8));
        if (context != null) {
            out.writeBytes(context);
        }
        return out.toByteArray();
    }

    private Versioned parseCiphertext(String ciphertext) {
        Versioned sealed = Versioned.parse(ciphertext, "ciphertext");
        if (sealed.bytes().length < GCM_OVERHEAD) {
            throw new InvalidInputException("The ciphertext is too short to be one of Keyward's; it may have been cut off.");
        }
        if (sealed.bytes().length > properties.maxPayloadBytes() + GCM_OVERHEAD) {
            throw new InvalidInputException("The ciphertext is longer than any Keyward makes (payload limit "
                    + properties.maxPayloadBytes() + " bytes).");
        }
        return sealed;
    }

    /** True for a digest; refuses both or neither, and a digest that is not 32 bytes. */
    private boolean checkMessageOrDigest(byte[] message, byte[] digest) {
        if ((message == null) == (digest == null)) {
            throw new InvalidInputException("Send either the message or its SHA-256 digest, not both or neither.");
        }
        if (digest != null && digest.length != 32) {
            throw new InvalidInputException("The digest is " + digest.length + " bytes; a SHA-256 digest is 32 bytes.");
        }
        checkSize("message", message);
        return digest != null;
    }

    private void checkSize(String what, byte[] value) {
        if (value != null && value.length > properties.maxPayloadBytes()) {
            throw new InvalidInputException("The " + what + " is " + value.length + " bytes; the limit is "
                    + properties.maxPayloadBytes() + " bytes.");
        }
    }

    private static String stateMessage(UsableKey key, CryptoOperation operation) {
        String alias = "'" + key.alias() + "' is " + key.state();
        return switch (key.state()) {
            case SUSPENDED, DEACTIVATED -> alias + ": it only decrypts and verifies; " + operation.label() + " is refused.";
            case COMPROMISED -> alias + ": every use is refused.";
            case DESTROY_SCHEDULED -> alias + ": it is scheduled for destruction; every use is refused (its owner or a "
                    + "security officer can still cancel the destruction).";
            case DESTROYED -> alias + ": it was destroyed; every use is refused.";
            case PRE_ACTIVATION -> alias + ": it cannot be used until it is activated.";
            case ACTIVE -> alias + ".";
        };
    }

    private RuntimeException translate(String alias, CryptoOperation operation, int version, HsmException e) {
        return switch (e.kind()) {
            case AUTHENTICATION_FAILED -> refuse(alias, operation, version, Kind.NOT_AUTHENTIC,
                    "The ciphertext does not open under '" + alias + "' version " + version + " with this context: it "
                            + "was altered, made under another key, or the context differs.");
            case UNAVAILABLE -> new CryptoRefusedException(Kind.HSM_UNAVAILABLE,
                    "The HSM holding '" + alias + "' cannot be reached; nothing was done. Retry later.");
            case NO_SUCH_KEY -> refuse(alias, operation, version, Kind.STATE_FORBIDS,
                    "Version " + version + " of '" + alias + "' is no longer in the HSM.");
            case WRONG_KEY_TYPE -> new InvalidInputException("'" + alias + "' cannot " + operation.label() + " that: "
                    + e.getMessage());
            case UNSUPPORTED -> new InvalidInputException(
                    "'" + alias + "' cannot " + operation.label() + " on this backend: " + e.getMessage());
        };
    }

    /** Audits the refusal at once (in its own transaction) and returns the exception to throw. */
    private CryptoRefusedException refuse(String alias, CryptoOperation operation, int version, Kind kind, String message) {
        refusals.record(new KeyUseDenied(alias, operation, version, kind.name()));
        return new CryptoRefusedException(kind, message);
    }
}
