package dev.keyward.approvals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A governed change of nothing in particular, for testing the engine alone: an owner it concerns, a version, a note
 * that may change freely, two security officers to decide, and whoever else it names as conflicted.
 */
record TestChange(String id, String requester, Facts facts, Map<String, String> conflicted, boolean followUp)
        implements ApprovalSubject {

    record Facts(String type, String owner, int version, String note) {
    }

    static TestChange of(String requester, Facts facts) {
        return new TestChange(UUID.randomUUID().toString(), requester, facts, Map.of(), false);
    }

    TestChange with(Facts changed) {
        return new TestChange(id, requester, changed, conflicted, followUp);
    }

    /** The same change with these people kept out of deciding it. */
    TestChange without(List<String> people, boolean opensAnyway) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        people.forEach(p -> out.put(p, "Kept out of this test change."));
        return new TestChange(id, requester, facts, out, opensAnyway);
    }

    @Override
    public String type() {
        return "test-change";
    }

    @Override
    public String summary() {
        return requester + " asks for a test change";
    }

    @Override
    public List<RequiredSlot> slots() {
        return List.of(RequiredSlot.pool(SlotKind.SECURITY_OFFICER), RequiredSlot.pool(SlotKind.SECURITY_OFFICER));
    }

    @Override
    public Set<String> driftingFacts() {
        return Set.of("note");
    }
}
