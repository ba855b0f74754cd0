package dev.keyward.keys.internal;

import dev.keyward.approvals.ApprovalSubject;
import dev.keyward.approvals.SlotKind;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.Sensitivity;
import dev.keyward.keys.internal.KeyDestructionStore.Row;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A key destruction before its approvers: two security officers, neither the requester (PCI DSS 3.7.6). They sign
 * every version's check value, the waiting period, what still relied on the key and the override, if any.
 */
record KeyDestructionSubject(Row destruction, ManagedKeyEntity key) implements ApprovalSubject {

    static final String TYPE = "key-destruction";

    /** What every approver of a destruction signs. */
    record Facts(String type, String destruction, KeyFacts key, List<VersionFacts> versions, String reason,
                 int waitingDays, List<String> inUse, String override, String requester) {
    }

    record KeyFacts(long id, String alias, String algorithm, KeyPurpose purpose, Sensitivity sensitivity, String owner,
                    String state) {
    }

    record VersionFacts(int number, String kcv) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String id() {
        return destruction.id();
    }

    @Override
    public String requester() {
        return destruction.requester();
    }

    @Override
    public String summary() {
        return destruction.requester() + " asks to destroy " + key.alias() + " (" + key.sensitivity() + ", "
                + key.versions().size() + (key.versions().size() == 1 ? " version" : " versions") + ")"
                + (destruction.override() != null ? " although it is still in use" : "");
    }

    @Override
    public Facts facts() {
        return new Facts(TYPE, destruction.id(), new KeyFacts(key.id(), key.alias(), key.algorithm().name(), key.purpose(),
                key.sensitivity(), key.owner(), key.state().name()),
                key.versions().stream().map(v -> new VersionFacts(v.versionNo(), v.kcv())).toList(),
                destruction.reason(), destruction.waitingDays(), destruction.inUse(), destruction.override(),
                destruction.requester());
    }

    /** The destruction itself moves the key to DESTROY_SCHEDULED, and a compromise learnt while it waits marks it. */
    @Override
    public Set<String> driftingFacts() {
        return Set.of("key.state");
    }

    @Override
    public Map<String, String> conflicted() {
        return Map.of(destruction.requester(), "You asked for this destruction; two other security officers decide it.");
    }

    @Override
    public List<RequiredSlot> slots() {
        return List.of(RequiredSlot.pool(SlotKind.SECURITY_OFFICER), RequiredSlot.pool(SlotKind.SECURITY_OFFICER));
    }
}
