package dev.keyward.recertification;

import java.util.List;
import java.util.Map;

/**
 * What a security officer asks for when launching a campaign (the API's request body). Absent parts take their
 * defaults: both kinds of holder, MANAGER reviewers, 10 business days, KEEP for LOW and MEDIUM and REVOKE for HIGH
 * and CRITICAL when nobody answers, every grant rather than the delta, no recurrence.
 *
 * @param reviewers  MANAGER (the holder's manager; a service account's owner's manager), KEY_OWNER, or
 *                   MANAGER_THEN_OWNER (two stages)
 * @param noResponse per key sensitivity, KEEP (with a flag in the report) or REVOKE at the deadline
 * @param deltaOnly  only grants new or changed since their last signed-off review, plus those now unused
 * @param recurrence an ISO-8601 period (e.g. P3M, P6M): the next round launches by itself that long after this one
 */
public record CampaignDefinition(String name, Scope scope, String reviewers, Integer durationDays,
                                 Map<String, String> noResponse, Boolean deltaOnly, String recurrence) {

    /**
     * Which active grants: {@code all}, or any combination of key sensitivities, key aliases and key owners (each
     * narrows); {@code people} and {@code serviceAccounts} (both true unless said otherwise) which holders.
     */
    public record Scope(Boolean all, List<String> sensitivities, List<String> keys, List<String> keyOwners,
                        Boolean people, Boolean serviceAccounts) {
    }
}
