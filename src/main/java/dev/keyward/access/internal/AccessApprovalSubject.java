package dev.keyward.access.internal;

import dev.keyward.access.AccessRequest;
import dev.keyward.access.Permission;
import dev.keyward.access.internal.AccessStore.RequestRow;
import dev.keyward.approvals.ApprovalSubject;
import dev.keyward.approvals.ApprovalSubject.RequiredSlot;
import dev.keyward.approvals.SlotKind;
import dev.keyward.keys.KeyFacts;
import dev.keyward.keys.KeyReference;
import dev.keyward.keys.Sensitivity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An access request before its approvers. Who approves, by the key's sensitivity: LOW the requester's manager;
 * MEDIUM also the key owner; HIGH also a security officer; CRITICAL two distinct security officers. Neither the
 * requester nor the beneficiary decides (only its owner may ask for a service account, so the owner is the requester).
 */
final class AccessApprovalSubject {

    static final String TYPE = AccessRequest.SUBJECT_TYPE;

    /** What every approver of an access request signs. */
    record Facts(String type, String request, KeyFacts key, List<String> permissions, String requester,
                 String beneficiary, Validity validity, String justification, String ticket) {
    }

    record Validity(int days, String from) {
    }

    private AccessApprovalSubject() {
    }

    /** @param manager the requester's manager in the org chart (null when there is none) */
    static ApprovalSubject of(RequestRow request, KeyReference key, String manager) {
        String permissions = request.permissions().stream().sorted().map(Permission::label).collect(Collectors.joining(", "));
        Map<String, String> conflicted = new LinkedHashMap<>();
        conflicted.put(request.requester(), "You made this request; somebody else has to decide it.");
        conflicted.putIfAbsent(request.beneficiary(), "This request is for you; somebody else has to decide it.");
        return ApprovalSubject.of(TYPE, request.id(), request.requester(),
                request.requester() + " asks for " + permissions + " on " + key.alias() + " (" + key.sensitivity() + ")"
                        + (request.beneficiary().equals(request.requester()) ? "" : " for " + request.beneficiary()),
                new Facts(TYPE, request.id(), KeyFacts.of(key), request.permissions().stream().sorted().map(Enum::name).toList(),
                        request.requester(), request.beneficiary(), new Validity(request.durationDays(), "the grant's creation"),
                        request.justification(), request.ticket()),
                conflicted, slots(key, manager));
    }

    private static List<RequiredSlot> slots(KeyReference key, String manager) {
        List<RequiredSlot> slots = new ArrayList<>();
        slots.add(RequiredSlot.person(SlotKind.MANAGER, manager, "The requester has no manager in the org chart."));
        if (key.sensitivity().compareTo(Sensitivity.MEDIUM) >= 0) {
            slots.add(RequiredSlot.person(SlotKind.KEY_OWNER, key.owner(), "The key has no owner."));
        }
        if (key.sensitivity().compareTo(Sensitivity.HIGH) >= 0) {
            slots.add(RequiredSlot.pool(SlotKind.SECURITY_OFFICER));
        }
        if (key.sensitivity() == Sensitivity.CRITICAL) {
            slots.add(RequiredSlot.pool(SlotKind.SECURITY_OFFICER));
        }
        return slots;
    }
}
