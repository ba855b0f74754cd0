package dev.keyward.approvals;

import java.time.Instant;

/**
 * One line of the one inbox: an approval slot (kind {@code approval}, one decision) or a source's work (kind
 * {@code review}: a campaign's review items, {@code count} of them).
 *
 * @param id   the approval case, or the source's own reference (a campaign)
 * @param view where in the application to act on it
 * @param due  when it must be decided (null: no deadline)
 */
public record InboxEntry(String kind, String id, String summary, long count, String view, Instant since, Instant due) {

    /** The kind of an approval slot; a source names its own (e.g. {@code review}). */
    public static final String APPROVAL = "approval";

    public boolean approval() {
        return APPROVAL.equals(kind);
    }
}
