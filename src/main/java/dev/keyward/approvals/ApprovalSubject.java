package dev.keyward.approvals;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a governed change puts before its approvers; every subject (an access request, a key rotation, a role grant,
 * ...) implements it and hands it to {@link ApprovalService#open}. The engine knows nothing else about subjects: it
 * signs {@link #facts()}, keeps {@link #conflicted()} people out and fills {@link #slots()}.
 */
public interface ApprovalSubject {

    /**
     * A subject as one value: its type, id, requester, summary, signed facts, conflicted people and slots; nothing
     * drifts, nothing is urgent, a person asked (see {@link SubjectRecord} to say otherwise).
     */
    static SubjectRecord of(String type, String id, String requester, String summary, Record facts,
                            Map<String, String> conflicted, List<RequiredSlot> slots) {
        return new SubjectRecord(type, id, requester, summary, facts, conflicted, slots, Set.of(), false, false);
    }

    /** What kind of change, e.g. {@code access-request}; stable, since it is part of every signed document. */
    String type();

    /** The subject's own id; a subject may go through several approvals over time. */
    String id();

    /** Who asked. Never decides, whatever {@link #conflicted()} says. */
    String requester();

    /** One line saying what is decided, for inbox headings, e-mails and the audit log. */
    String summary();

    /**
     * The typed facts approvers decide on (a record); rendered into canonical JSON, they go verbatim into every
     * signed decision document.
     */
    Record facts();

    /**
     * People who may not decide, each with the sentence they are told (the beneficiary, the person receiving a role,
     * the owner of a service account concerned...). The requester may be listed to word their refusal.
     */
    Map<String, String> conflicted();

    /** One slot per approver needed, in order. */
    List<RequiredSlot> slots();

    /**
     * Facts that may change between signing and acting without voiding the approval, each named by its path in the
     * canonical facts (e.g. {@code key.state}, which a destruction moves itself). Any other difference refuses the act.
     */
    default Set<String> driftingFacts() {
        return Set.of();
    }

    /**
     * Whether the system opens this case after a move it does not undo (an emergency rotation after a compromise, a
     * scheduled rotation, the review of a suspension): such a case opens even when nobody is left to decide a slot,
     * and is flagged to officers and administrators at once. A change a person asks for is refused instead (409).
     */
    default boolean followUp() {
        return false;
    }

    /**
     * Whether the change cannot wait (an emergency rotation of a compromised key): its approvers are reminded, escalated
     * and expired within hours ({@code keyward.approvals.urgent.*}) instead of business days.
     */
    default boolean urgent() {
        return false;
    }

    /**
     * A slot and, for a designated kind, the person it designates. {@code note} says why: the reason nobody is
     * designated (the slot then goes to the pool at once), or why this person decides in someone else's place.
     */
    record RequiredSlot(SlotKind kind, String designated, String note) {

        /** A slot for {@code who}; when there is nobody, {@code whyNobody} says so to whoever fills it instead. */
        public static RequiredSlot person(SlotKind kind, String who, String whyNobody) {
            return new RequiredSlot(kind, who, who == null ? whyNobody : null);
        }

        /** A slot any member of the kind's pool may fill. */
        public static RequiredSlot pool(SlotKind kind) {
            return new RequiredSlot(kind, null, null);
        }
    }
}
