package dev.keyward.keys;

import dev.keyward.approvals.Approval;
import java.time.Instant;
import java.util.List;

/**
 * An approver's signed decision on a key change (a rotation, a destruction) as its log shows it.
 *
 * @param as       the slot they filled, in the words the views use
 * @param verified whether their passkey signature verifies now
 */
public record ChangeApprover(String username, String as, String decision, Instant decidedAt, boolean verified) {

    /** Everyone who has decided {@code approval} so far, in slot order. */
    static List<ChangeApprover> of(Approval approval) {
        return approval.slots().stream().filter(s -> s.decision() != null)
                .map(s -> new ChangeApprover(s.decision().approver(), s.kind().label(), s.decision().decision().name(),
                        s.decision().decidedAt(), s.decision().verified()))
                .toList();
    }
}
