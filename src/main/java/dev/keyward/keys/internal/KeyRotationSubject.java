package dev.keyward.keys.internal;

import dev.keyward.approvals.ApprovalSubject;
import dev.keyward.approvals.ApprovalSubject.RequiredSlot;
import dev.keyward.approvals.SlotKind;
import dev.keyward.keys.KeyFacts;
import dev.keyward.keys.Rotation;
import dev.keyward.keys.Sensitivity;
import dev.keyward.keys.internal.KeyRotationStore.Row;
import java.util.List;
import java.util.Map;

/**
 * A key rotation before its approvers: the key owner and a security officer (two for CRITICAL keys); for an emergency
 * after a compromise, two security officers within hours. The requester never decides; when the owner asks, the
 * owner's manager takes the owner's slot. Emergencies and scheduled rotations are opened by the system after a move
 * or a date: flagged when nobody can decide them, never refused.
 */
final class KeyRotationSubject {

    static final String TYPE = "key-rotation";

    /** What every approver of a rotation signs. */
    record Facts(String type, String rotation, KeyFacts key, VersionFacts current, Rotation.Trigger trigger,
                 String reason, String requester) {
    }

    record VersionFacts(int number, String kcv) {
    }

    private KeyRotationSubject() {
    }

    /** @param ownersManager the key owner's manager in the org chart (null when there is none) */
    static ApprovalSubject of(Row rotation, ManagedKeyEntity key, String ownersManager) {
        boolean emergency = rotation.trigger() == Rotation.Trigger.EMERGENCY;
        return ApprovalSubject.of(TYPE, rotation.id(), rotation.requester(), summary(rotation, key),
                new Facts(TYPE, rotation.id(), key.facts(), new VersionFacts(rotation.oldVersion(), rotation.oldKcv()),
                        rotation.trigger(), rotation.reason(), rotation.requester()),
                Map.of(rotation.requester(), "You asked for this rotation; somebody else has to decide it."),
                emergency
                        // The owner may be the one whose key leaked; two officers act at once.
                        ? List.of(RequiredSlot.pool(SlotKind.SECURITY_OFFICER), RequiredSlot.pool(SlotKind.SECURITY_OFFICER))
                        : OwnerAndOfficers.slots(key, rotation.requester(), ownersManager,
                                key.sensitivity() == Sensitivity.CRITICAL ? 2 : 1))
                .urgent(emergency)
                .followUp(rotation.trigger() != Rotation.Trigger.ON_DEMAND);
    }

    private static String summary(Row rotation, ManagedKeyEntity key) {
        return switch (rotation.trigger()) {
            case EMERGENCY -> "Emergency rotation of " + key.alias() + " (" + key.sensitivity() + "), marked compromised by "
                    + rotation.requester();
            case SCHEDULED -> "Scheduled rotation of " + key.alias() + " (" + key.sensitivity() + "): version "
                    + rotation.oldVersion() + " reached its rotation date";
            case ON_DEMAND -> rotation.requester() + " asks to rotate " + key.alias() + " (" + key.sensitivity()
                    + "), now at version " + rotation.oldVersion();
        };
    }
}
