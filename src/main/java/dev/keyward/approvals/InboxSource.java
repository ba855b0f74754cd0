package dev.keyward.approvals;

import java.util.List;

/**
 * Work besides approval slots that waits for a person's decision (a reviewer's recertification items): a module that
 * has such work implements this, and the one inbox ({@link ApprovalService#waitingForMe()}, the bell, the home page,
 * {@code GET /api/v1/me/inbox}) shows it beside the approvals.
 */
public interface InboxSource {

    /** What waits for the signed-in person, oldest or most urgent first. */
    List<InboxEntry> waitingForMe();
}
