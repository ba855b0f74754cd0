package dev.keyward.keys.internal;

import dev.keyward.approvals.ApprovalSubject.RequiredSlot;
import dev.keyward.approvals.SlotKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Who approves a change to a key its owner answers for (a rotation, a retirement): the key owner, or, when the owner
 * asked, the owner's manager in their place; and security officers.
 */
final class OwnerAndOfficers {

    private OwnerAndOfficers() {
    }

    static List<RequiredSlot> slots(ManagedKeyEntity key, String requester, String ownersManager, int officers) {
        List<RequiredSlot> slots = new ArrayList<>();
        if (key.owner().equals(requester)) {
            slots.add(ownersManager == null
                    ? RequiredSlot.person(SlotKind.KEY_OWNER, null, "The key owner " + key.owner()
                            + " asked and has no manager in the org chart.")
                    : new RequiredSlot(SlotKind.KEY_OWNER, ownersManager, "In place of the key owner " + key.owner()
                            + ", who asked: their manager decides."));
        } else {
            slots.add(RequiredSlot.person(SlotKind.KEY_OWNER, key.owner(), "The key has no owner."));
        }
        for (int i = 0; i < officers; i++) {
            slots.add(RequiredSlot.pool(SlotKind.SECURITY_OFFICER));
        }
        return slots;
    }
}
