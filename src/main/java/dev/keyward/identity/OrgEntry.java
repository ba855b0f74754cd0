package dev.keyward.identity;

/**
 * One person's place in the org chart as routing sees it: where they stand, who their manager is (null at the top)
 * and whether they are an auditor (auditors decide nothing), for work that routes many items at once (a
 * recertification campaign) without one query per person.
 */
public record OrgEntry(String username, PersonStatus status, String manager, boolean auditor) {

    /** Whether they can decide what is routed to them: ACTIVE and not an auditor. */
    public boolean mayDecide() {
        return status == PersonStatus.ACTIVE && !auditor;
    }
}
