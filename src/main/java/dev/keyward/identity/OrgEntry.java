package dev.keyward.identity;

import java.util.Set;

/**
 * One person's place in the org chart as routing sees it: where they stand, who their manager is (null at the top)
 * and whether they are an auditor (auditors decide nothing), for work that routes many items at once (a
 * recertification campaign) without one query per person. {@code makers}: who made their account by hand and so
 * reviews nothing of theirs (see {@link PeopleService#makersOf}).
 */
public record OrgEntry(String username, PersonStatus status, String manager, boolean auditor, Set<String> makers) {

    /** As the directory reads it in one statement; {@link #makers} come from a second one. */
    public OrgEntry(String username, PersonStatus status, String manager, boolean auditor) {
        this(username, status, manager, auditor, Set.of());
    }

    /** With who made this person's account or set their manager, while a password they chose still works. */
    public OrgEntry withMakers(Set<String> makers) {
        return new OrgEntry(username, status, manager, auditor, Set.copyOf(makers));
    }

    /** Whether they can decide what is routed to them: ACTIVE and not an auditor. */
    public boolean mayDecide() {
        return status == PersonStatus.ACTIVE && !auditor;
    }
}
