package dev.keyward.approvals;

import dev.keyward.approvals.process.ApprovalProcess;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;

/**
 * A governed change of nothing in particular, for testing the engine alone: an owner it concerns, a version, a note
 * that may change freely, two security officers (or a manager and an officer) to decide, and whoever else it names as
 * conflicted.
 */
record TestChange(String id, String requester, Facts facts, Map<String, String> conflicted, boolean followUp,
                  List<RequiredSlot> slots) implements ApprovalSubject {

    private static final List<RequiredSlot> TWO_OFFICERS =
            List.of(RequiredSlot.pool(SlotKind.SECURITY_OFFICER), RequiredSlot.pool(SlotKind.SECURITY_OFFICER));

    record Facts(String type, String owner, int version, String note) {
    }

    static TestChange of(String requester, Facts facts) {
        return new TestChange(UUID.randomUUID().toString(), requester, facts, Map.of(), false, TWO_OFFICERS);
    }

    TestChange with(Facts changed) {
        return new TestChange(id, requester, changed, conflicted, followUp, slots);
    }

    /** The same change with these people kept out of deciding it. */
    TestChange without(List<String> people, boolean opensAnyway) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        people.forEach(p -> out.put(p, "Kept out of this test change."));
        return new TestChange(id, requester, facts, out, opensAnyway, slots);
    }

    /** Opens the case and its Approval process, as a subject's own workflow does; returns the case's id. */
    String open(ApprovalService approvals, RuntimeService runtime) {
        String approvalId = approvals.open(this);
        runtime.startProcessInstanceByKey(ApprovalProcess.KEY, approvalId, Map.of(ApprovalProcess.APPROVAL_ID, approvalId));
        return approvalId;
    }

    @Override
    public String type() {
        return "test-change";
    }

    @Override
    public String summary() {
        return requester + " asks for a test change";
    }

    /** The same change decided by its requester's manager (designated) and a security officer. */
    TestChange managerAndOfficer(String manager) {
        return new TestChange(id, requester, facts, conflicted, followUp, List.of(
                RequiredSlot.person(SlotKind.MANAGER, manager, "Nobody manages the requester."),
                RequiredSlot.pool(SlotKind.SECURITY_OFFICER)));
    }

    @Override
    public Set<String> driftingFacts() {
        return Set.of("note");
    }
}
