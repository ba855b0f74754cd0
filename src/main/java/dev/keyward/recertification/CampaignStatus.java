package dev.keyward.recertification;

/** LAUNCHING while the scope is being snapshotted, OPEN while reviewers decide, CLOSED once the deadline rule ran. */
public enum CampaignStatus {
    LAUNCHING, OPEN, CLOSED
}
