package dev.keyward.approvals;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A governed change as one value, as a subject module builds it from its records (now) and hands it to the engine:
 * {@link ApprovalSubject#of} with what every subject has, then {@link #drifting}, {@link #urgent} or
 * {@link #followUp} where it differs from the usual.
 */
public record SubjectRecord(String type, String id, String requester, String summary, Record facts,
                            Map<String, String> conflicted, List<RequiredSlot> slots, Set<String> driftingFacts,
                            boolean urgent, boolean followUp) implements ApprovalSubject {

    public SubjectRecord {
        conflicted = Map.copyOf(conflicted);
        slots = List.copyOf(slots);
        driftingFacts = Set.copyOf(driftingFacts);
    }

    /** The same change with facts that may change between signing and acting (see {@link ApprovalSubject#driftingFacts}). */
    public SubjectRecord drifting(String... paths) {
        return new SubjectRecord(type, id, requester, summary, facts, conflicted, slots, Set.of(paths), urgent, followUp);
    }

    public SubjectRecord urgent(boolean cannotWait) {
        return new SubjectRecord(type, id, requester, summary, facts, conflicted, slots, driftingFacts, cannotWait, followUp);
    }

    public SubjectRecord followUp(boolean openedBySystem) {
        return new SubjectRecord(type, id, requester, summary, facts, conflicted, slots, driftingFacts, urgent, openedBySystem);
    }
}
