package dev.keyward.access;

import java.time.Instant;

/** The key-handling policy (PCI DSS 3.7.8) in force: people acknowledge each version before requesting access. */
public record AccessPolicy(int version, String text, Instant publishedAt) {
}
