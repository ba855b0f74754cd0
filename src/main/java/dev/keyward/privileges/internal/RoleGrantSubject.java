package dev.keyward.privileges.internal;

import dev.keyward.approvals.ApprovalSubject;
import dev.keyward.approvals.SlotKind;
import dev.keyward.common.ui.Words;
import dev.keyward.identity.Person;
import dev.keyward.identity.RoleRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A privileged role asked for somebody, before two security officers or administrators. The person receiving it
 * never decides, nor does the requester; one person fills one slot, so no administrator completes it alone.
 */
record RoleGrantSubject(RoleRequest request, Person person) implements ApprovalSubject {

    static final String TYPE = "role-grant";

    /** What both approvers sign. */
    record Facts(String type, String request, PersonFacts person, String role, String requester, String reason) {
    }

    record PersonFacts(String username, String displayName, String department, List<String> rolesNow) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String id() {
        return request.id();
    }

    @Override
    public String requester() {
        return request.requester();
    }

    @Override
    public String summary() {
        return request.requester() + " asks for " + Words.of(request.role()) + " for " + person.displayName()
                + " (" + person.username() + ")";
    }

    @Override
    public Facts facts() {
        return new Facts(TYPE, request.id(), new PersonFacts(person.username(), person.displayName(), person.department(),
                List.copyOf(new TreeSet<>(person.roles()))), request.role(), request.requester(), request.reason());
    }

    /** The person's name, department and other roles may change while the request waits; identity re-checks the combination. */
    @Override
    public Set<String> driftingFacts() {
        return Set.of("person.displayName", "person.department", "person.rolesNow");
    }

    @Override
    public Map<String, String> conflicted() {
        return Map.of(person.username(), "This role would be yours; somebody else has to decide it.");
    }

    @Override
    public List<RequiredSlot> slots() {
        return List.of(RequiredSlot.pool(SlotKind.OFFICER_OR_ADMIN), RequiredSlot.pool(SlotKind.OFFICER_OR_ADMIN));
    }
}
