package dev.keyward.identity;

import java.time.Instant;

/** An application identity: it holds grants and API tokens; its owner requests its access and answers for it. */
public record ServiceAccount(String name, String description, String owner, Status status, Instant createdAt) {

    public enum Status {
        ACTIVE, DISABLED
    }
}
