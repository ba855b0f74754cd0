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
}
