package dev.keyward.approvals;

import java.util.List;

/** How much of the one inbox waits for a person: approval decisions and review items, as the bell and home page say. */
public record WaitingCount(long decisions, long reviews) {

    public static WaitingCount of(List<InboxEntry> entries) {
        long decisions = entries.stream().filter(InboxEntry::approval).count();
        return new WaitingCount(decisions, entries.stream().filter(e -> !e.approval())
                .mapToLong(InboxEntry::count).sum());
    }

    public long total() {
        return decisions + reviews;
    }
}
