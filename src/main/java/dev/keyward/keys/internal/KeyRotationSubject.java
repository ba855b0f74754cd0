package dev.keyward.keys.internal;

import dev.keyward.approvals.ApprovalSubject;
import dev.keyward.approvals.SlotKind;
import dev.keyward.keys.Rotation;
import dev.keyward.keys.Sensitivity;
import dev.keyward.keys.internal.KeyRotationStore.Row;
import java.util.List;
import java.util.Map;

/**
 * A key rotation before its approvers: the key owner and a security officer (two for CRITICAL keys); for an emergency
 * after a compromise, two security officers within hours. The requester never decides; when the owner asks, the
 * owner's manager takes the owner's slot.
 *
 * @param ownersManager the key owner's manager in the org chart (null when there is none)
 */
record KeyRotationSubject(Row rotation, ManagedKeyEntity key, String ownersManager) implements ApprovalSubject {

    static final String TYPE = "key-rotation";

    /** What every approver of a rotation signs. */
    record Facts(String type, String rotation, KeyFacts key, VersionFacts current, Rotation.Trigger trigger,
                 String reason, String requester) {
    }

    record VersionFacts(int number, String kcv) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String id() {
        return rotation.id();
    }

    @Override
    public String requester() {
        return rotation.requester();
    }

    @Override
    public String summary() {
        if (rotation.trigger() == Rotation.Trigger.EMERGENCY) {
            return "Emergency rotation of " + key.alias() + " (" + key.sensitivity() + "), marked compromised by "
                    + rotation.requester();
        }
        if (rotation.trigger() == Rotation.Trigger.SCHEDULED) {
            return "Scheduled rotation of " + key.alias() + " (" + key.sensitivity() + "): version "
                    + rotation.oldVersion() + " reached its rotation date";
        }
        return rotation.requester() + " asks to rotate " + key.alias() + " (" + key.sensitivity() + "), now at version "
                + rotation.oldVersion();
    }

    @Override
    public Facts facts() {
        return new Facts(TYPE, rotation.id(), KeyFacts.of(key), new VersionFacts(rotation.oldVersion(), rotation.oldKcv()),
                rotation.trigger(), rotation.reason(), rotation.requester());
    }

    @Override
    public Map<String, String> conflicted() {
        return Map.of(rotation.requester(), "You asked for this rotation; somebody else has to decide it.");
    }

    /** Emergencies and scheduled rotations are opened by the system after a move or a date: flagged, never refused. */
    @Override
    public boolean followUp() {
        return rotation.trigger() != Rotation.Trigger.ON_DEMAND;
    }

    /** An emergency cannot wait business days. */
    @Override
    public boolean urgent() {
        return rotation.trigger() == Rotation.Trigger.EMERGENCY;
    }

    @Override
    public List<RequiredSlot> slots() {
        if (rotation.trigger() == Rotation.Trigger.EMERGENCY) {
            // The owner may be the one whose key leaked; two officers act at once.
            return List.of(RequiredSlot.pool(SlotKind.SECURITY_OFFICER), RequiredSlot.pool(SlotKind.SECURITY_OFFICER));
        }
        return OwnerAndOfficers.slots(key, rotation.requester(), ownersManager,
                key.sensitivity() == Sensitivity.CRITICAL ? 2 : 1);
    }
}
