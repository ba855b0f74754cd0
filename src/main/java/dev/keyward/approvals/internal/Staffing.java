package dev.keyward.approvals.internal;

import dev.keyward.approvals.SlotKind;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Roles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Whether the open slots of a case can all be filled, each by a different person who may decide: active, not the
 * requester, not conflicted, not an auditor, not somebody who already decided on the case, and of the slot's pool (or
 * its designated person). A designated person who is no longer active counts as the security officers' pool, where
 * escalation sends the slot. A passkey is not asked for: new people enrol theirs at first sign-in.
 */
@Component
public class Staffing {

    /**
     * An open slot: its place, kind and designated person (null: its pool); {@code designatedActive} when the caller
     * has just checked that person is active (opening a case routes those who are not to the pool).
     */
    public record OpenSlot(int position, SlotKind kind, String designated, boolean designatedActive) {
    }

    private final PeopleService people;

    Staffing(PeopleService people) {
        this.people = people;
    }

    /**
     * Why the slots cannot all be filled, naming the first one nobody is left for and what would unblock it; empty
     * when they can.
     */
    public Optional<String> shortfall(List<OpenSlot> slots, String requester, Map<String, String> conflicted,
                                      Set<String> decided) {
        return shortfall(pools(), slots, requester, conflicted, decided);
    }

    /** Pools read once for checking many cases in a row. */
    public Pools pools() {
        return new Pools();
    }

    public Optional<String> shortfall(Pools pools, List<OpenSlot> slots, String requester, Map<String, String> conflicted,
                                      Set<String> decided) {
        List<List<String>> candidates = new ArrayList<>();
        for (OpenSlot slot : slots) {
            Set<String> who = new LinkedHashSet<>();
            if (slot.designated() != null && (slot.designatedActive() || people.isActive(slot.designated()))) {
                // A designated auditor does not decide either, but escalation then gives the slot to the officers.
                who.add(slot.designated());
            } else {
                who.addAll(pools.of(slot.kind()));
                who.removeAll(pools.auditors());
            }
            who.remove(requester);
            who.removeAll(conflicted.keySet());
            who.removeAll(decided);
            candidates.add(List.copyOf(who));
        }
        int[] unfilled = unmatched(candidates);
        if (unfilled.length == 0) {
            return Optional.empty();
        }
        OpenSlot slot = slots.get(unfilled[0]);
        String label = slot.kind().label().toLowerCase();
        String needed = slot.kind() == SlotKind.OFFICER_OR_ADMIN ? "security officer or administrator" : "security officer";
        List<String> pool = pools.of(slot.kind() == SlotKind.OFFICER_OR_ADMIN ? slot.kind() : SlotKind.SECURITY_OFFICER);
        return Optional.of("Nobody is left to decide approval step " + slot.position() + " (" + label + "): "
                + (pool.isEmpty() ? "there is no active " + needed : "of " + names(pool) + ", "
                + (candidates.get(unfilled[0]).isEmpty()
                        ? "none may decide it (the requester, people concerned by the change and auditors never decide)"
                        : "only " + names(candidates.get(unfilled[0])) + " may, and they fill the other steps"))
                + ". One more active " + needed + " would unblock it: an administrator can ask for that role for somebody.");
    }

    private static String names(List<String> pool) {
        return pool.size() <= 8 ? String.join(", ", pool)
                : String.join(", ", pool.subList(0, 8)) + " and " + (pool.size() - 8) + " more";
    }

    /** The slots (indexes) left without a person when each person fills at most one slot (Kuhn's matching). */
    private static int[] unmatched(List<List<String>> candidates) {
        Map<String, Integer> filling = new HashMap<>();
        List<Integer> left = new ArrayList<>();
        for (int slot = 0; slot < candidates.size(); slot++) {
            if (!assign(slot, candidates, filling, new HashSet<>())) {
                left.add(slot);
            }
        }
        return left.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean assign(int slot, List<List<String>> candidates, Map<String, Integer> filling, Set<String> seen) {
        for (String person : candidates.get(slot)) {
            if (seen.add(person)) {
                Integer other = filling.get(person);
                if (other == null || assign(other, candidates, filling, seen)) {
                    filling.put(person, slot);
                    return true;
                }
            }
        }
        return false;
    }

    /** The pools, each read once however many slots and cases are checked. */
    public final class Pools {

        private List<String> officers;
        private List<String> administrators;
        private List<String> auditors;

        private Pools() {
        }

        List<String> of(SlotKind kind) {
            if (officers == null) {
                officers = people.activeWithRole(Roles.SECURITY_OFFICER);
            }
            if (kind != SlotKind.OFFICER_OR_ADMIN) {
                return officers;
            }
            if (administrators == null) {
                administrators = people.activeWithRole(Roles.ADMIN);
            }
            List<String> both = new ArrayList<>(officers);
            administrators.stream().filter(a -> !both.contains(a)).forEach(both::add);
            return both;
        }

        List<String> auditors() {
            if (auditors == null) {
                auditors = people.activeWithRole(Roles.AUDITOR);
            }
            return auditors;
        }
    }
}
