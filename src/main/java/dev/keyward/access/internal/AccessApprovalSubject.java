package dev.keyward.access.internal;

import dev.keyward.access.AccessRequest;
import dev.keyward.access.Permission;
import dev.keyward.access.internal.AccessStore.RequestRow;
import dev.keyward.approvals.ApprovalSubject;
import dev.keyward.approvals.SlotKind;
import dev.keyward.keys.KeyPurpose;
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
record AccessApprovalSubject(RequestRow request, KeyReference key, String manager)
        implements ApprovalSubject {

    static final String TYPE = AccessRequest.SUBJECT_TYPE;

    /** What every approver of an access request signs. */
    record Facts(String type, String request, KeyFacts key, List<String> permissions, String requester,
                 String beneficiary, Validity validity, String justification, String ticket) {
    }

    record KeyFacts(long id, String alias, Sensitivity sensitivity, KeyPurpose purpose, String owner) {
    }

    record Validity(int days, String from) {
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
        String permissions = request.permissions().stream().sorted().map(Permission::label).collect(Collectors.joining(", "));
        return request.requester() + " asks for " + permissions + " on " + key.alias() + " (" + key.sensitivity() + ")"
                + (request.beneficiary().equals(request.requester()) ? "" : " for " + request.beneficiary());
    }

    @Override
    public Facts facts() {
        return new Facts(TYPE, request.id(), new KeyFacts(key.id(), key.alias(), key.sensitivity(), key.purpose(), key.owner()),
                request.permissions().stream().sorted().map(Enum::name).toList(), request.requester(),
                request.beneficiary(), new Validity(request.durationDays(), "the grant's creation"),
                request.justification(), request.ticket());
    }

    @Override
    public Map<String, String> conflicted() {
        Map<String, String> conflicted = new LinkedHashMap<>();
        conflicted.put(request.requester(), "You made this request; somebody else has to decide it.");
        conflicted.putIfAbsent(request.beneficiary(), "This request is for you; somebody else has to decide it.");
        return conflicted;
    }

    @Override
    public List<RequiredSlot> slots() {
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
