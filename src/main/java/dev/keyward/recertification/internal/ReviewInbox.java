package dev.keyward.recertification.internal;

import dev.keyward.approvals.InboxEntry;
import dev.keyward.approvals.InboxSource;
import dev.keyward.recertification.ReviewService;
import java.util.List;
import org.springframework.stereotype.Component;

/** A reviewer's pending recertification items in the one inbox: one line per campaign, with how many wait. */
@Component
class ReviewInbox implements InboxSource {

    private final ReviewService reviews;

    ReviewInbox(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public List<InboxEntry> waitingForMe() {
        return reviews.myCampaigns().stream().filter(c -> c.pending() > 0)
                .map(c -> new InboxEntry("review", c.id(), c.pending() + (c.pending() == 1 ? " grant" : " grants")
                        + " to review in " + c.name(), c.pending(), "reviews", null, c.deadlineAt()))
                .toList();
    }
}
