package dev.keyward.privileges.internal;

import dev.keyward.approvals.ApprovalSubject;
import dev.keyward.approvals.ApprovalSubject.RequiredSlot;
import dev.keyward.approvals.SlotKind;
import dev.keyward.common.ui.Words;
import dev.keyward.identity.Person;
import dev.keyward.identity.RoleRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A privileged role asked for somebody, before two security officers or administrators. The person receiving it
 * never decides, nor does the requester; one person fills one slot, so no administrator completes it alone. The
 * person's name, department and other roles may change while the request waits (identity re-checks the combination).
 */
final class RoleGrantSubject {

    static final String TYPE = "role-grant";

    /** What every approver of a role grant signs. */
    record Facts(String type, String request, PersonFacts person, String role, String requester, String reason) {
    }

    record PersonFacts(String username, String displayName, String department, List<String> rolesNow) {
    }

    private RoleGrantSubject() {
    }

    static ApprovalSubject of(RoleRequest request, Person person) {
        return ApprovalSubject.of(TYPE, request.id(), request.requester(),
                request.requester() + " asks for " + Words.of(request.role()) + " for " + person.displayName()
                        + " (" + person.username() + ")",
                new Facts(TYPE, request.id(), new PersonFacts(person.username(), person.displayName(), person.department(),
                        List.copyOf(new TreeSet<>(person.roles()))), request.role(), request.requester(), request.reason()),
                Map.of(person.username(), "This role would be yours; somebody else has to decide it."),
                List.of(RequiredSlot.pool(SlotKind.OFFICER_OR_ADMIN), RequiredSlot.pool(SlotKind.OFFICER_OR_ADMIN)))
                .drifting("person.displayName", "person.department", "person.rolesNow");
    }
}
