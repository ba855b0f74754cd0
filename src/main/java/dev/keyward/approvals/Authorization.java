package dev.keyward.approvals;

import java.time.Instant;
import java.util.Objects;

/**
 * The engine's word that the change an approval decided may be applied now, to exactly the subject it was checked
 * against. Only the approvals module makes one ({@link ApprovalService#authorize}, {@link SignedDocuments#authorize}),
 * after checking the case's subject, the signed facts against the subject as it stands and every signature; every
 * method that applies a governed change takes one, so an unchecked change does not compile.
 */
public final class Authorization {

    private final String approvalId;
    private final String subjectType;
    private final String subjectId;
    private final Instant checkedAt;

    Authorization(String approvalId, String subjectType, String subjectId, Instant checkedAt) {
        this.approvalId = Objects.requireNonNull(approvalId);
        this.subjectType = Objects.requireNonNull(subjectType);
        this.subjectId = Objects.requireNonNull(subjectId);
        this.checkedAt = Objects.requireNonNull(checkedAt);
    }

    /** The approval case (or signed document) that authorizes. */
    public String approvalId() {
        return approvalId;
    }

    public String subjectType() {
        return subjectType;
    }

    public String subjectId() {
        return subjectId;
    }

    public Instant checkedAt() {
        return checkedAt;
    }

    /**
     * Fails loudly when this authorization is for another subject: a programming error (the subject presented one
     * it was not given for), never a business refusal.
     */
    public Authorization requireFor(String type, String id) {
        if (!subjectType.equals(type) || !subjectId.equals(id)) {
            throw new IllegalStateException("Authorization of " + subjectType + " " + subjectId + " presented for "
                    + type + " " + id + ".");
        }
        return this;
    }

    @Override
    public String toString() {
        return "Authorization[" + subjectType + " " + subjectId + " by " + approvalId + " at " + checkedAt + "]";
    }
}
