package dev.keyward.audit;

/**
 * Who may read the audit log. The names are those of {@code dev.keyward.identity.Roles} (the audit module
 * depends on no other module; a test keeps the two in step).
 */
public final class AuditRoles {

    public static final String AUDITOR = "AUDITOR";
    public static final String SECURITY_OFFICER = "SECURITY_OFFICER";

    private AuditRoles() {
    }
}
