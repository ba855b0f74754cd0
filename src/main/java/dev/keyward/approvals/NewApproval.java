package dev.keyward.approvals;

import java.util.List;
import java.util.Map;

/**
 * A decision to be taken by several people.
 *
 * @param subjectType what is decided, e.g. {@code access-request}
 * @param facts       what the approvers decide on; it goes verbatim into every signed decision document
 * @param slots       one per approver needed, in order
 */
public record NewApproval(String subjectType, String subjectId, String requester, String beneficiary,
                          Map<String, Object> facts, List<RequiredSlot> slots) {

    public NewApproval {
        facts = Map.copyOf(facts);
        slots = List.copyOf(slots);
    }

    /** A slot and, for MANAGER and KEY_OWNER, the person it designates (null when there is none). */
    public record RequiredSlot(SlotKind kind, String designated) {
    }
}
