package dev.keyward.audit;

/** Who acted: a principal's id and display name, or {@link #SYSTEM}. */
public record AuditActor(String id, String name) {

    public static final AuditActor SYSTEM = new AuditActor("system", "system");
}
