package dev.keyward.approvals;

import dev.keyward.approvals.internal.ApprovalProperties;
import dev.keyward.approvals.internal.BusinessCalendar;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The approvals calendar (weekdays in the organisation's time zone, minus its public holidays) for other work that
 * counts in business days, such as a recertification campaign's duration.
 */
@Component
public class BusinessDays {

    private final BusinessCalendar calendar;

    BusinessDays(ApprovalProperties properties) {
        this.calendar = BusinessCalendar.of(properties);
    }

    /** {@code days} business days after {@code start}, at the same local time. */
    public Instant add(Instant start, int days) {
        return calendar.add(start, days);
    }
}
