package dev.keyward.approvals.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code keyward.approvals.*}: when pending approvers are reminded, when a slot escalates to the security officers
 * and when the request expires (in business days: weekends and the listed public holidays skipped, counted in the
 * organisation's time zone), the same for urgent changes (in hours), and how long a prepared decision may wait for
 * its passkey signature.
 */
@ConfigurationProperties("keyward.approvals")
public record ApprovalProperties(@DefaultValue("2") int reminderBusinessDays,
                                 @DefaultValue("5") int escalationBusinessDays,
                                 @DefaultValue("10") int expiryBusinessDays,
                                 @DefaultValue("5m") Duration signatureTimeout,
                                 @DefaultValue("UTC") ZoneId timeZone,
                                 @DefaultValue List<LocalDate> holidays,
                                 @DefaultValue Urgent urgent) {

    /** The deadlines of an urgent change, counted in hours around the clock. */
    public record Urgent(@DefaultValue("1h") Duration remindAfter, @DefaultValue("4h") Duration escalateAfter,
                         @DefaultValue("24h") Duration expireAfter) {

        public Urgent {
            if (remindAfter.isNegative() || remindAfter.isZero() || escalateAfter.compareTo(remindAfter) <= 0
                    || expireAfter.compareTo(escalateAfter) <= 0) {
                throw new IllegalArgumentException("keyward.approvals.urgent needs 0 < remind-after < escalate-after < "
                        + "expire-after, not " + remindAfter + ", " + escalateAfter + ", " + expireAfter + ".");
            }
        }
    }

    public ApprovalProperties {
        if (reminderBusinessDays < 1 || escalationBusinessDays <= reminderBusinessDays
                || expiryBusinessDays <= escalationBusinessDays) {
            throw new IllegalArgumentException("keyward.approvals needs 1 <= reminder < escalation < expiry business "
                    + "days, not " + reminderBusinessDays + ", " + escalationBusinessDays + ", " + expiryBusinessDays + ".");
        }
    }
}
