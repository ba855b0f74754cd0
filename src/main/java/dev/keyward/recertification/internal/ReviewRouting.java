package dev.keyward.recertification.internal;

import dev.keyward.identity.OrgEntry;
import dev.keyward.identity.PersonStatus;
import dev.keyward.recertification.ReviewItem.ReviewerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who reviews a grant at a stage. The MANAGER is the holder's manager (for a service account, its owner's manager);
 * the KEY_OWNER is the key's owner. A reviewer who is no longer active, or who is an auditor (auditors decide
 * nothing), is replaced by their manager, up the org chart. Nobody reviews their own grant or their own service account's: such an item goes to the next reviewer in
 * line (the key owner after the manager in a two-stage campaign) or else to the security officers, and the reason
 * is kept with the item; nor does whoever made the holder's account by hand while a password they chose still works.
 */
final class ReviewRouting {

    private static final int MAX_HOPS = 10;

    /** Where an item goes: a reviewer (null: the security officers' pool), and why when not the obvious one. */
    record Route(int stage, ReviewerKind kind, String reviewer, String reason) {
    }

    private final Map<String, OrgEntry> orgChart;

    ReviewRouting(Map<String, OrgEntry> orgChart) {
        this.orgChart = orgChart;
    }

    /**
     * The route of an item whose stages are {@code kinds} (one or two), starting at {@code stage}.
     *
     * @param holder       the grant's principal
     * @param accountOwner its owner when the principal is a service account, else null
     */
    Route route(List<ReviewerKind> kinds, int stage, String holder, String accountOwner, String keyOwner) {
        List<String> reasons = new ArrayList<>();
        for (int s = stage; s <= kinds.size(); s++) {
            ReviewerKind kind = kinds.get(s - 1);
            String person = accountOwner != null ? accountOwner : holder;
            String candidate = kind == ReviewerKind.MANAGER ? manager(person) : keyOwner;
            String label = kind == ReviewerKind.MANAGER ? "manager of " + person : "key owner";
            if (candidate == null) {
                reasons.add("nobody is the " + label);
                continue;
            }
            String active = activeOrManager(candidate);
            String why = orgChart.containsKey(candidate) && orgChart.get(candidate).auditor()
                    && orgChart.get(candidate).status() == PersonStatus.ACTIVE ? "is an auditor" : "is not active";
            if (active == null) {
                reasons.add("the " + label + " " + candidate + " " + why + " and has no manager who may review");
                continue;
            }
            if (!active.equals(candidate)) {
                reasons.add("the " + label + " " + candidate + " " + why + "; their manager " + active + " reviews");
            }
            if (active.equals(holder) || active.equals(accountOwner)) {
                reasons.add(active + " would review " + (active.equals(holder) ? "their own grant" : "their own service account's grant"));
                continue;
            }
            if (makers(person).contains(active)) {
                reasons.add(active + " made " + person + "'s account and may know its password");
                continue;
            }
            return new Route(s, kind, active, reasons.isEmpty() ? null : String.join("; ", reasons) + ".");
        }
        reasons.add("the security officers review it");
        return new Route(stage, ReviewerKind.OFFICERS, null, capitalised(String.join("; ", reasons)) + ".");
    }

    /** {@code username} when they may decide (ACTIVE, not an auditor), else the first manager above them who may. */
    String activeOrManager(String username) {
        String at = username;
        for (int hop = 0; at != null && hop < MAX_HOPS; hop++) {
            OrgEntry entry = orgChart.get(at);
            if (entry == null) {
                return null;
            }
            if (entry.mayDecide()) {
                return at;
            }
            at = entry.manager();
        }
        return null;
    }

    private Set<String> makers(String username) {
        OrgEntry entry = orgChart.get(username);
        return entry == null ? Set.of() : entry.makers();
    }

    private String manager(String username) {
        OrgEntry entry = orgChart.get(username);
        return entry == null ? null : entry.manager();
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
