package dev.keyward.audit;

import java.util.Map;
import java.util.Optional;

/**
 * An event that must be in the audit log. Modules publish their past-tense event records (which implement this)
 * through Spring's event publisher; the audit module writes them synchronously, in the publisher's transaction,
 * so a change whose record cannot be written does not happen.
 */
public interface AuditableEvent {

    /** What happened, as {@code module.object.verb}, e.g. {@code identity.passkey.added}. */
    String action();

    /** What it happened to. */
    AuditTarget target();

    default AuditOutcome outcome() {
        return AuditOutcome.SUCCESS;
    }

    /** Facts worth keeping (never secrets or key material); written as canonical JSON. */
    default Map<String, ?> details() {
        return Map.of();
    }

    /** Who did it, when the request's signed-in person is not the actor (e.g. a failed sign-in). */
    default Optional<AuditActor> actor() {
        return Optional.empty();
    }
}
