package dev.keyward.keys.internal;

import dev.keyward.approvals.ApprovalSubject;
import dev.keyward.approvals.ApprovalSubject.RequiredSlot;
import dev.keyward.approvals.SlotKind;
import dev.keyward.keys.KeyFacts;
import dev.keyward.keys.internal.KeyDestructionStore.Row;
import java.util.List;
import java.util.Map;

/**
 * A key's destruction before its approvers: two security officers, neither the requester. They sign the key,
 * every version's check value, the waiting period, what still relied on the key and the override, if any. The
 * destruction itself moves the key to DESTROY_SCHEDULED, and a compromise learnt while it waits marks it: the key's
 * state may drift.
 */
final class KeyDestructionSubject {

    static final String TYPE = "key-destruction";

    /** What every approver of a destruction signs. */
    record Facts(String type, String destruction, KeyFacts key, List<VersionFacts> versions, String reason,
                 int waitingDays, List<String> inUse, String override, String requester) {
    }

    record VersionFacts(int number, String kcv) {
    }

    private KeyDestructionSubject() {
    }

    static ApprovalSubject of(Row destruction, ManagedKeyEntity key) {
        return ApprovalSubject.of(TYPE, destruction.id(), destruction.requester(),
                destruction.requester() + " asks to destroy " + key.alias() + " (" + key.sensitivity() + ", "
                        + key.versions().size() + (key.versions().size() == 1 ? " version" : " versions") + ")"
                        + (destruction.override() != null ? " although it is still in use" : ""),
                new Facts(TYPE, destruction.id(), key.facts().withState(key.state()),
                        key.versions().stream().map(v -> new VersionFacts(v.versionNo(), v.kcv())).toList(),
                        destruction.reason(), destruction.waitingDays(), destruction.inUse(), destruction.override(),
                        destruction.requester()),
                Map.of(destruction.requester(), "You asked for this destruction; two other security officers decide it."),
                List.of(RequiredSlot.pool(SlotKind.SECURITY_OFFICER), RequiredSlot.pool(SlotKind.SECURITY_OFFICER)))
                .drifting("key.state");
    }
}
