package dev.keyward.keys.internal;

import dev.keyward.approvals.ApprovalSubject;
import dev.keyward.keys.KeyFacts;
import dev.keyward.keys.internal.KeyRetirementStore.Row;
import java.util.List;
import java.util.Map;

/**
 * Retiring an old key version before its approvers: the key owner (their manager when the owner asked) and a security
 * officer. They sign the version's check value, the census at the time of asking and the override, if any. A rotation
 * while the approval waits moves the current version on; retiring an old one stays what was signed.
 */
final class KeyRetirementSubject {

    static final String TYPE = "key-retirement";

    /** What every approver of a retirement signs. */
    record Facts(String type, String retirement, KeyFacts key, VersionFacts version, int currentVersion, String reason,
                 List<String> inUse, String override, String requester) {
    }

    record VersionFacts(int number, String kcv) {
    }

    private KeyRetirementSubject() {
    }

    /** @param ownersManager the key owner's manager in the org chart (null when there is none) */
    static ApprovalSubject of(Row retirement, ManagedKeyEntity key, String ownersManager) {
        String kcv = key.versions().get(retirement.version() - 1).kcv();
        return ApprovalSubject.of(TYPE, retirement.id(), retirement.requester(),
                retirement.requester() + " asks to retire version " + retirement.version() + " of " + key.alias() + " ("
                        + key.sensitivity() + ")" + (retirement.override() != null ? " although it is still in use" : ""),
                new Facts(TYPE, retirement.id(), key.facts(), new VersionFacts(retirement.version(), kcv),
                        key.versions().size(), retirement.reason(), retirement.inUse(), retirement.override(),
                        retirement.requester()),
                Map.of(retirement.requester(), "You asked for this retirement; somebody else has to decide it."),
                OwnerAndOfficers.slots(key, retirement.requester(), ownersManager, 1))
                .drifting("currentVersion");
    }
}
