package dev.keyward.support;

import java.util.UUID;

/** A command-line setting that gives an application started by a test its own audit witness file under target/. */
public final class TestWitness {

    private TestWitness() {
    }

    public static String ownWitness() {
        return "--keyward.audit.witness.file=target/test-data/audit-witness-" + UUID.randomUUID() + ".ndjson";
    }
}
