package dev.keyward.recertification;

import java.time.Instant;

/**
 * A campaign as officers and auditors see it: its definition (normalised, defaults filled in), where it stands, its
 * dates and its progress.
 *
 * @param nextRoundAt when the next round launches by itself (null: not recurring, or stopped)
 */
public record Campaign(String id, String name, CampaignDefinition definition, CampaignStatus status, String launchedBy,
                       Instant launchedAt, Instant escalateAt, Instant deadlineAt, Instant closedAt, String closedBy,
                       String previousId, Instant nextRoundAt, Progress progress) {

    /**
     * The items (one per grant in scope) by outcome so far: {@code decided} = kept + revoked + reduced; items the
     * no-response rule settled count under their outcome and again under {@code noResponse}; {@code overdue} are
     * pending items past the escalation date.
     */
    public record Progress(long items, long decided, long kept, long revoked, long reduced, long pending, long overdue,
                           long noResponse) {

        public static final Progress NONE = new Progress(0, 0, 0, 0, 0, 0, 0, 0);
    }
}
