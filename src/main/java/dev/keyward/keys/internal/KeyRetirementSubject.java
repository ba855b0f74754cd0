package dev.keyward.keys.internal;

import dev.keyward.approvals.ApprovalSubject;
import dev.keyward.keys.internal.KeyRetirementStore.Row;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Retiring an old key version before its approvers: the key owner (their manager when the owner asked) and a security
 * officer. They sign the version's check value, the census at the time of asking and the override, if any.
 *
 * @param ownersManager the key owner's manager in the org chart (null when there is none)
 */
record KeyRetirementSubject(Row retirement, ManagedKeyEntity key, String kcv, int currentVersion, String ownersManager)
        implements ApprovalSubject {

    static final String TYPE = "key-retirement";

    /** What every approver of a retirement signs. */
    record Facts(String type, String retirement, KeyFacts key, VersionFacts version, int currentVersion, String reason,
                 List<String> inUse, String override, String requester) {
    }

    record VersionFacts(int number, String kcv) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String id() {
        return retirement.id();
    }

    @Override
    public String requester() {
        return retirement.requester();
    }

    @Override
    public String summary() {
        return retirement.requester() + " asks to retire version " + retirement.version() + " of " + key.alias() + " ("
                + key.sensitivity() + ")" + (retirement.override() != null ? " although it is still in use" : "");
    }

    @Override
    public Facts facts() {
        return new Facts(TYPE, retirement.id(), KeyFacts.of(key), new VersionFacts(retirement.version(), kcv), currentVersion,
                retirement.reason(), retirement.inUse(), retirement.override(), retirement.requester());
    }

    /** A rotation while the approval waits moves the current version on; retiring an old one stays what was signed. */
    @Override
    public Set<String> driftingFacts() {
        return Set.of("currentVersion");
    }

    @Override
    public Map<String, String> conflicted() {
        return Map.of(retirement.requester(), "You asked for this retirement; somebody else has to decide it.");
    }

    @Override
    public List<RequiredSlot> slots() {
        return OwnerAndOfficers.slots(key, retirement.requester(), ownersManager, 1);
    }
}
