package dev.keyward.identity;

/**
 * One person's place in the org chart as routing sees it: where they stand and who their manager is (null at the
 * top), for work that routes many items at once (a recertification campaign) without one query per person.
 */
public record OrgEntry(String username, PersonStatus status, String manager) {
}
