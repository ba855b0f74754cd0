package dev.keyward.recertification;

/** What a reviewer should look at twice; keeping a flagged grant needs a comment. */
public enum ReviewFlag {
    HOLDER_SUSPENDED("Holder suspended"),
    HOLDER_LEFT("Holder has left"),
    ACCOUNT_DISABLED("Service account disabled"),
    PERMISSIONS_UNUSED("Permissions never exercised"),
    LONGER_THAN_POLICY("Longer than the key's policy allows"),
    ROTATION_OVERDUE("Key overdue for rotation"),
    NO_RESPONSE("Kept without a review");

    private final String label;

    ReviewFlag(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
