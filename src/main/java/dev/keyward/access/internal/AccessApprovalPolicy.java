package dev.keyward.access.internal;

import dev.keyward.approvals.NewApproval.RequiredSlot;
import dev.keyward.approvals.SlotKind;
import dev.keyward.keys.Sensitivity;
import java.util.ArrayList;
import java.util.List;

/**
 * Who approves access, by the key's sensitivity: LOW the requester's manager; MEDIUM also the key owner; HIGH also
 * a security officer; CRITICAL two distinct security officers.
 */
final class AccessApprovalPolicy {

    private AccessApprovalPolicy() {
    }

    static List<RequiredSlot> slots(Sensitivity sensitivity, String manager, String keyOwner) {
        List<RequiredSlot> slots = new ArrayList<>();
        slots.add(new RequiredSlot(SlotKind.MANAGER, manager));
        if (sensitivity.compareTo(Sensitivity.MEDIUM) >= 0) {
            slots.add(new RequiredSlot(SlotKind.KEY_OWNER, keyOwner));
        }
        if (sensitivity.compareTo(Sensitivity.HIGH) >= 0) {
            slots.add(new RequiredSlot(SlotKind.SECURITY_OFFICER, null));
        }
        if (sensitivity == Sensitivity.CRITICAL) {
            slots.add(new RequiredSlot(SlotKind.SECURITY_OFFICER, null));
        }
        return slots;
    }
}
