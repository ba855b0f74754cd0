package dev.keyward.audit;

/** The object of an audited action: a type ({@code person}, {@code key}, ...) and its identifier. */
public record AuditTarget(String type, String id) {
}
