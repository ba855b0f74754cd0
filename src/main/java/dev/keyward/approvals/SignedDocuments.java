package dev.keyward.approvals;

import dev.keyward.approvals.internal.DecisionDocuments;
import dev.keyward.common.ConflictException;
import dev.keyward.identity.CurrentUser;
import dev.keyward.identity.PasskeyAssertion;
import dev.keyward.identity.PasskeySignatures;
import dev.keyward.identity.PasskeySignatures.RelyingParty;
import dev.keyward.identity.PasskeySignatures.Verification;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Passkey signatures over documents other than one approval decision (a reviewer's batch of recertification
 * decisions, for example), made and checked exactly as approval decisions are: canonical JSON, whose SHA-256 is the
 * WebAuthn challenge, signed by the person's passkey with user verification, re-verifiable at any time.
 */
@Service
public class SignedDocuments {

    private final PasskeySignatures signatures;
    private final CurrentUser currentUser;
    private final Clock clock;

    SignedDocuments(PasskeySignatures signatures, CurrentUser currentUser, Clock clock) {
        this.signatures = signatures;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** Canonical JSON: the same facts always give the same bytes (keys sorted, nulls left out). */
    public static String canonical(Object value) {
        return DecisionDocuments.canonical(value);
    }

    public static Map<String, Object> parse(String document) {
        return DecisionDocuments.parse(document);
    }

    /** The document's SHA-256 in hex (the challenge its signature answers), for the audit record of what was signed. */
    public static String sha256Hex(String document) {
        return HexFormat.of().formatHex(DecisionDocuments.sha256(document));
    }

    /**
     * What the signed-in person's browser needs to sign {@code document} (a canonical JSON text) under
     * {@code reference}; refused when they have no passkey.
     */
    @PreAuthorize("isAuthenticated()")
    public PreparedDecision prepare(String reference, String document, Instant expiresAt) {
        byte[] challenge = DecisionDocuments.sha256(document);
        var request = signatures.request(currentUser.requireUsername(), challenge);
        if (request.credentialIds().isEmpty()) {
            throw new ConflictException("You have no passkey to sign with; add one under My security.");
        }
        return new PreparedDecision(reference, document, challenge, request.rpId(), request.credentialIds(), expiresAt);
    }

    /**
     * The engine's word that {@code username}'s signature over {@code document} authorizes acting on subject
     * {@code subjectType} {@code subjectId} (a reviewer's batch, for example): refused unless the signature verifies
     * for {@code signedFor}. What the document says is the subject's to check against its records before it acts.
     */
    @PreAuthorize("permitAll()")
    public Authorization authorize(String subjectType, String subjectId, String username, String document,
                                   PasskeyAssertion assertion, RelyingParty signedFor) {
        Verification verification = verify(username, document, assertion, signedFor);
        if (!verification.valid()) {
            throw new NotAuthorizedException("The passkey signature of " + username + " did not verify ("
                    + verification.reason() + ").");
        }
        return new Authorization(sha256Hex(document), subjectType, subjectId, clock.instant());
    }

    /** The relying party signatures are made for now: keep it with the signature. */
    @PreAuthorize("permitAll()")
    public RelyingParty relyingParty() {
        return signatures.relyingParty();
    }

    /**
     * Whether {@code assertion} is {@code username}'s passkey signature over exactly {@code document}, made for
     * {@code signedFor} (the relying party kept with it; null for one stored before they were kept: today's).
     */
    @PreAuthorize("permitAll()")
    public Verification verify(String username, String document, PasskeyAssertion assertion, RelyingParty signedFor) {
        return signatures.verify(username, DecisionDocuments.sha256(document), assertion,
                signedFor != null ? signedFor : signatures.relyingParty());
    }
}
