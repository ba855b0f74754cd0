package dev.keyward.recertification;

import java.time.Instant;

/** A campaign as one reviewer sees it: name, state, deadline and how many of their items still wait. */
public record ReviewerCampaign(String id, String name, CampaignStatus status, Instant deadlineAt, long pending) {
}
