package dev.keyward.audit;

import java.util.Optional;

/**
 * Where the audit log learns who is acting and from where. The identity module implements it (the audit module
 * depends on nobody); without an implementation every entry is attributed to {@link AuditActor#SYSTEM}.
 */
public interface AuditContext {

    AuditActor actor();

    Optional<String> clientAddress();

    Optional<String> userAgent();
}
