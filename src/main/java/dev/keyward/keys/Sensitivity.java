package dev.keyward.keys;

/** How much harm a key's misuse would do; it sets approvals, grant lengths and cryptoperiods. */
public enum Sensitivity {
    LOW(180), MEDIUM(90), HIGH(30), CRITICAL(7);

    private final int maxGrantDays;

    Sensitivity(int maxGrantDays) {
        this.maxGrantDays = maxGrantDays;
    }

    /** The longest grant on a key of this sensitivity (and the default request duration). */
    public int maxGrantDays() {
        return maxGrantDays;
    }
}
