package dev.keyward.recertification;

/** One reviewer's share of a campaign ({@code reviewer} null: the security officers' pool). */
public record ReviewerProgress(String reviewer, long decided, long kept, long revoked, long reduced, long pending,
                               long overdue) {
}
