package dev.keyward.approvals;

import dev.keyward.approvals.ApprovalEvents.ApprovalDecided;
import dev.keyward.approvals.ApprovalEvents.ApprovalOpened;
import dev.keyward.approvals.ApprovalEvents.DecisionRefused;
import dev.keyward.approvals.internal.ApprovalMessages;
import dev.keyward.approvals.internal.ApprovalProperties;
import dev.keyward.approvals.internal.ApprovalStore.CaseRow;
import dev.keyward.approvals.internal.ApprovalStore.ChallengeRow;
import dev.keyward.approvals.internal.ApprovalStore.DecisionRow;
import dev.keyward.approvals.internal.ApprovalStore.SlotRow;
import dev.keyward.approvals.internal.ApprovalStore;
import dev.keyward.approvals.internal.BusinessCalendar;
import dev.keyward.approvals.internal.DecisionDocuments;
import dev.keyward.approvals.internal.Eligibility.Approver;
import dev.keyward.approvals.internal.Eligibility;
import dev.keyward.approvals.internal.Staffing;
import dev.keyward.audit.AuditRefusals;
import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import dev.keyward.identity.CurrentUser;
import dev.keyward.identity.PasskeyAssertion;
import dev.keyward.identity.PasskeySignatures.RelyingParty;
import dev.keyward.identity.PasskeySignatures.Verification;
import dev.keyward.identity.PasskeySignatures;
import dev.keyward.identity.PeopleService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Approvals whose every decision is signed with the approver's passkey. A decision is first prepared (the exact
 * document to sign, whose SHA-256 becomes the WebAuthn challenge), then decided with the assertion the browser
 * returns; the assertion is verified and stored with the document, and can be re-verified at any time.
 */
@Service
@Transactional
public class ApprovalService {

    static final int MAX_COMMENT = 1000;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    private final ApprovalStore store;
    private final Eligibility eligibility;
    private final ApprovalMessages approvalProcess;
    private final PeopleService people;
    private final PasskeySignatures signatures;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final AuditRefusals refusals;
    private final ApprovalProperties properties;
    private final BusinessCalendar calendar;
    private final Staffing staffing;
    private final ObjectProvider<InboxSource> sources;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApprovalService(ApprovalStore store, Eligibility eligibility, ApprovalMessages approvalProcess, PeopleService people,
                    PasskeySignatures signatures, CurrentUser currentUser,
                    ApplicationEventPublisher events, AuditRefusals refusals, ApprovalProperties properties,
                    Staffing staffing, ObjectProvider<InboxSource> sources, Clock clock) {
        this.store = store;
        this.eligibility = eligibility;
        this.approvalProcess = approvalProcess;
        this.people = people;
        this.signatures = signatures;
        this.currentUser = currentUser;
        this.events = events;
        this.refusals = refusals;
        this.properties = properties;
        this.calendar = BusinessCalendar.of(properties);
        this.staffing = staffing;
        this.sources = sources;
        this.clock = clock;
    }

    /**
     * Opens a case for a subject with one slot per required approver. A designated slot whose person is missing,
     * inactive, conflicted or already designated for an earlier slot goes to the security officers instead, with
     * the reason recorded. Called from workflows, so it needs no signed-in person.
     */
    @PreAuthorize("permitAll()")
    public String open(ApprovalSubject subject) {
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        ApprovalProperties.Urgent urgent = properties.urgent();
        store.insert(new CaseRow(id, subject.type(), subject.id(), subject.requester(), subject.summary(),
                DecisionDocuments.canonical(subject.facts()), ApprovalStatus.PENDING, now,
                subject.urgent() ? now.plus(urgent.remindAfter()) : calendar.add(now, properties.reminderBusinessDays()),
                subject.urgent() ? now.plus(urgent.escalateAfter()) : calendar.add(now, properties.escalationBusinessDays()),
                subject.urgent() ? now.plus(urgent.expireAfter()) : calendar.add(now, properties.expiryBusinessDays()),
                null));
        Map<String, String> conflicted = new LinkedHashMap<>(subject.conflicted());
        conflicted.putIfAbsent(subject.requester(), "You asked for this; somebody else has to decide it.");
        // Whoever made the account of anyone concerned may know its password: they decide nothing for them.
        List.copyOf(conflicted.keySet()).forEach(concerned -> people.makersOf(concerned).forEach(conflicted::putIfAbsent));
        conflicted.forEach((who, reason) -> store.insertConflict(id, who, reason));
        List<String> designated = new ArrayList<>();
        List<String> described = new ArrayList<>();
        List<Staffing.OpenSlot> open = new ArrayList<>();
        int position = 1;
        for (ApprovalSubject.RequiredSlot slot : subject.slots()) {
            String approver = slot.kind().designated() ? slot.designated() : null;
            String routed = slot.kind().designated() ? routing(slot, subject.requester(), conflicted, designated) : null;
            if (routed != null) {
                approver = null;
            } else if (approver != null) {
                designated.add(approver);
            }
            open.add(new Staffing.OpenSlot(position, slot.kind(), approver, approver != null));
            store.insert(new SlotRow(UUID.randomUUID().toString(), id, position++, slot.kind(), approver,
                    routed != null ? routed : slot.note(), ApprovalStatus.PENDING));
            described.add(slot.kind() + (approver != null ? " " + approver : " (pool)"));
        }
        Optional<String> shortfall = staffing.shortfall(open, subject.requester(), conflicted, Set.of());
        if (shortfall.isPresent() && !subject.followUp()) {
            throw new ApprovalImpossibleException(shortfall.get() + " Nothing was asked.");
        }
        events.publishEvent(new ApprovalOpened(id, subject.type(), subject.id(), subject.summary(), described));
        shortfall.ifPresent(reason -> block(id, subject.type(), subject.id(), subject.summary(), reason));
        return id;
    }

    /**
     * Checks pending cases again after people left, came back or changed roles: a case nobody is left to finish
     * is flagged to officers and administrators (once per reason), a flagged one that can finish again is cleared.
     */
    @PreAuthorize("permitAll()")
    public void recheckStaffing(Collection<String> caseIds) {
        Staffing.Pools pools = staffing.pools();
        for (String caseId : caseIds) {
            CaseRow c = store.findCase(caseId).orElseThrow();
            List<SlotRow> slots = store.slots(caseId);
            Set<String> decided = new HashSet<>();
            store.decisions(caseId).forEach(d -> decided.add(d.approver()));
            List<Staffing.OpenSlot> open = slots.stream().filter(s -> s.status() == ApprovalStatus.PENDING)
                    .map(s -> new Staffing.OpenSlot(s.position(), s.kind(), s.approver(), false)).toList();
            Optional<String> shortfall = staffing.shortfall(pools, open, c.requester(), store.conflicts(caseId), decided);
            if (shortfall.isPresent()) {
                block(caseId, c.subjectType(), c.subjectId(), c.summary(), shortfall.get());
            } else {
                store.unblock(caseId);
            }
        }
    }

    private void block(String caseId, String subjectType, String subjectId, String summary, String reason) {
        if (store.block(caseId, reason, clock.instant())) {
            events.publishEvent(new ApprovalEvents.ApprovalBlocked(caseId, subjectType, subjectId, summary, reason));
        }
    }

    /** Why a designated slot goes to the security officers instead, or null when its person decides. */
    private String routing(ApprovalSubject.RequiredSlot slot, String requester, Map<String, String> conflicted,
                           List<String> designated) {
        String who = slot.designated();
        String role = "The " + slot.kind().label().toLowerCase() + " " + who;
        if (who == null) {
            return slot.note() != null ? slot.note()
                    : "Nobody is designated as " + slot.kind().label().toLowerCase() + ".";
        }
        if (!people.isActive(who)) {
            return role + " is not active.";
        }
        if (who.equals(requester)) {
            return role + " asked for this.";
        }
        if (conflicted.containsKey(who)) {
            return role + " is concerned by it and may not decide.";
        }
        if (designated.contains(who)) {
            return role + " already fills another slot.";
        }
        return null;
    }

    /**
     * The case with its slots and decisions, each decision re-verified now. Open to workflows (provisioning runs
     * without a signed-in person); callers that show it to people decide who may see it (the access module's
     * request visibility, for example).
     */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true)
    public Approval get(String id) {
        CaseRow row = store.findCase(id).orElseThrow(() -> new NotFoundException("No approval " + id + "."));
        Map<String, DecisionRow> decisions = new LinkedHashMap<>();
        store.decisions(id).forEach(d -> decisions.put(d.slotId(), d));
        List<Approval.Slot> slots = store.slots(id).stream().map(s -> {
            DecisionRow d = decisions.get(s.id());
            Approval.SignedDecision signed = null;
            if (d != null) {
                Verification check = check(row, s, d);
                signed = new Approval.SignedDecision(d.approver(), d.decision(), d.comment(), d.decidedAt(), d.document(),
                        check.valid(), check.reason());
            }
            return new Approval.Slot(s.id(), s.position(), s.kind(), s.approver(), s.routedReason(), s.status(), signed);
        }).toList();
        return new Approval(row.id(), row.subjectType(), row.subjectId(), row.requester(), row.summary(),
                DecisionDocuments.parse(row.facts()), store.conflicts(id), row.status(), row.createdAt(), row.remindAt(), row.escalateAt(),
                row.expireAt(), row.concludedAt(), slots);
    }

    /**
     * The engine's word that the change approval {@code approvalId} decided may be applied now to {@code now}, the
     * subject as it stands (rebuilt by the subject from its own records at the moment it acts). Refused, with the
     * reason in plain words, unless the case is of this subject's type and id, the facts the approvers signed equal
     * the subject's facts now (differences only in the paths it declares {@linkplain ApprovalSubject#driftingFacts()
     * drifting}), the case is APPROVED with an approving decision in every slot, and every signature verifies against
     * the relying party it was made for. Irreversible steps ask again right before they act. A refusal changes
     * nothing and does not roll back the caller's transaction, which goes on to record it.
     */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true, noRollbackFor = NotAuthorizedException.class)
    public Authorization authorize(String approvalId, ApprovalSubject now) {
        if (approvalId == null) {
            throw new NotAuthorizedException("No approval was ever opened for this " + now.type() + ".");
        }
        Approval c;
        try {
            c = get(approvalId);
        } catch (NotFoundException e) {
            throw new NotAuthorizedException("No approval " + approvalId + ".");
        }
        if (!c.subjectType().equals(now.type()) || !c.subjectId().equals(now.id())) {
            throw new NotAuthorizedException("Approval " + approvalId + " decided " + c.subjectType() + " " + c.subjectId()
                    + ", not " + now.type() + " " + now.id() + ".");
        }
        Map<String, List<Object>> changed = new LinkedHashMap<>(DecisionDocuments.differences(
                DecisionDocuments.canonical(c.facts()), DecisionDocuments.canonical(now.facts())));
        changed.keySet().removeIf(path -> drifts(path, now.driftingFacts()));
        if (!changed.isEmpty()) {
            throw new NotAuthorizedException("What the approvers signed no longer holds: " + changed.entrySet().stream()
                    .map(e -> e.getKey() + " was " + shown(e.getValue().get(0)) + " when signed and is "
                            + shown(e.getValue().get(1)) + " now").collect(Collectors.joining("; ")) + ".");
        }
        refusalToAct(c).ifPresent(reason -> {
            throw new NotAuthorizedException(reason);
        });
        return new Authorization(approvalId, c.subjectType(), c.subjectId(), clock.instant());
    }

    private static boolean drifts(String path, Set<String> drifting) {
        return drifting.stream().anyMatch(d -> path.equals(d) || path.startsWith(d + "."));
    }

    private static String shown(Object value) {
        return value == null ? "absent" : "\"" + value + "\"";
    }

    /** Why nothing may be done on this approval's word: not approved, a slot without approval, a signature that fails. */
    private static Optional<String> refusalToAct(Approval approval) {
        if (approval.status() != ApprovalStatus.APPROVED) {
            return Optional.of("The approval is " + approval.status() + ", not APPROVED.");
        }
        for (Approval.Slot slot : approval.slots()) {
            if (slot.decision() == null || slot.decision().decision() != Decision.APPROVE) {
                return Optional.of("Approval step " + slot.position() + " (" + slot.kind().label().toLowerCase()
                        + ") has no approving decision.");
            }
            if (!slot.decision().verified()) {
                return Optional.of("The decision of " + slot.decision().approver() + " on slot " + slot.position()
                        + " does not verify: " + slot.decision().verification() + ".");
            }
        }
        return Optional.empty();
    }

    /**
     * Calls off the signed-in person's own pending request, whatever it asks: the case ends WITHDRAWN (audited), leaves
     * every approver's inbox, and its subject closes as withdrawn through the case's Approval process.
     */
    @PreAuthorize("isAuthenticated()")
    public Approval withdraw(String approvalId) {
        String me = currentUser.requireUsername();
        CaseRow c = store.lockCase(approvalId).orElseThrow(() -> new NotFoundException("No approval " + approvalId + "."));
        if (!c.requester().equals(me)) {
            throw new AccessDeniedException("Only " + c.requester() + ", who asked for this, can withdraw it.");
        }
        if (c.status() != ApprovalStatus.PENDING) {
            throw new ConflictException("This request is " + c.status().name().toLowerCase()
                    + " already; only a pending one can be withdrawn.");
        }
        store.conclude(approvalId, ApprovalStatus.WITHDRAWN, clock.instant());
        events.publishEvent(new ApprovalEvents.ApprovalConcluded(approvalId, c.subjectType(), c.subjectId(),
                ApprovalStatus.WITHDRAWN, "Withdrawn by " + me + "."));
        approvalProcess.settled(approvalId);
        return get(approvalId);
    }

    /** The slots the signed-in person may decide now. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<InboxItem> inbox() {
        Approver me = eligibility.approver(currentUser.requireUsername());
        ApprovalStore.Inbox rows = store.inbox(me.username(), me.securityOfficer(), me.administrator());
        List<InboxItem> items = new ArrayList<>();
        for (SlotRow slot : rows.open()) {
            CaseRow c = rows.cases().get(slot.caseId());
            if (c != null && eligibility.refusal(me, c, slot, rows.slots().getOrDefault(c.id(), List.of()),
                    rows.decisions().getOrDefault(c.id(), List.of()), rows.conflicts().getOrDefault(c.id(), Map.of()))
                    .isEmpty()) {
                items.add(new InboxItem(c.id(), slot.id(), slot.kind(), slot.routedReason(), c.subjectType(), c.subjectId(),
                        c.requester(), c.summary(), DecisionDocuments.parse(c.facts()), c.createdAt(), c.escalateAt(),
                        c.expireAt()));
            }
        }
        return items;
    }

    /**
     * Everything that waits for the signed-in person's decision, approvals and every {@link InboxSource}'s work alike:
     * the one inbox the bell, the home page and {@code GET /api/v1/me/inbox} show.
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<InboxEntry> waitingForMe() {
        List<InboxEntry> entries = new ArrayList<>(inbox().stream().map(item -> new InboxEntry(InboxEntry.APPROVAL,
                item.approvalId(), item.summary(), 1, "approvals", item.createdAt(), item.expireAt())).toList());
        sources.orderedStream().forEach(source -> entries.addAll(source.waitingForMe()));
        return entries;
    }

    /**
     * Prepares the signed-in person's decision on a slot: checks they may take it, fixes the document (facts,
     * decision, approver, time, nonce) and returns what the browser needs to have it signed.
     */
    @PreAuthorize("isAuthenticated()")
    public PreparedDecision prepare(String slotId, Decision decision, String comment) {
        String me = currentUser.requireUsername();
        Objects.requireNonNull(decision, "decision");
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        if (decision == Decision.REJECT && note == null) {
            throw new InvalidInputException("comment", "Say why you reject: the requester sees your comment.");
        }
        if (note != null && note.length() > MAX_COMMENT) {
            throw new InvalidInputException("comment", "A comment has at most " + MAX_COMMENT + " characters.");
        }
        SlotRow slot = store.findSlot(slotId).orElseThrow(() -> new NotFoundException("No approval slot " + slotId + "."));
        CaseRow c = store.findCase(slot.caseId()).orElseThrow();
        refuseIfIneligible(me, c, slot, store.slots(c.id()));
        Instant now = clock.instant();
        byte[] nonceBytes = new byte[16];
        random.nextBytes(nonceBytes);
        String nonce = HexFormat.of().formatHex(nonceBytes);
        String document = document(c, slot, me, decision, note, now, nonce);
        byte[] challenge = DecisionDocuments.sha256(document);
        Instant expires = now.plus(properties.signatureTimeout());
        store.deleteExpiredChallenges(now);
        store.insert(new ChallengeRow(nonce, slotId, me, decision, note, document, expires));
        var request = signatures.request(me, challenge);
        if (request.credentialIds().isEmpty()) {
            throw new ConflictException("You have no passkey to sign with; add one under My security.");
        }
        return new PreparedDecision(nonce, document, challenge, request.rpId(), request.credentialIds(), expires);
    }

    /**
     * Records a prepared decision once the approver's passkey has signed it: the assertion must verify against
     * the approver's registered public key with the document's hash as challenge, and the approver must still be
     * eligible. The last approval or the first rejection settles the case: its Approval process goes on to conclude
     * it in the same transaction.
     */
    @PreAuthorize("isAuthenticated()")
    public void decide(String nonce, PasskeyAssertion assertion) {
        String me = currentUser.requireUsername();
        ChallengeRow prepared = store.takeChallenge(nonce)
                .filter(p -> p.approver().equals(me))
                .orElseThrow(() -> new NotFoundException("No decision of yours is waiting for a signature under "
                        + "this reference; prepare it again."));
        String caseId = store.findSlot(prepared.slotId()).orElseThrow().caseId();
        CaseRow c = store.lockCase(caseId).orElseThrow();
        List<SlotRow> slots = store.slots(caseId);
        SlotRow slot = slots.stream().filter(s -> s.id().equals(prepared.slotId())).findFirst().orElseThrow();
        if (prepared.expiresAt().isBefore(clock.instant())) {
            throw refused(c, slot, me, "The signature came too late; prepare the decision again.");
        }
        refuseIfIneligible(me, c, slot, slots);
        byte[] challenge = DecisionDocuments.sha256(prepared.document());
        RelyingParty signedFor = signatures.relyingParty();
        Verification verification = signatures.verify(me, challenge, assertion, signedFor);
        if (!verification.valid()) {
            throw refused(c, slot, me, "Your passkey signature did not verify: " + verification.reason());
        }
        store.insert(new DecisionRow(slot.id(), c.id(), me, prepared.decision(), prepared.comment(), prepared.document(),
                B64.encodeToString(assertion.credentialId()), B64.encodeToString(assertion.authenticatorData()),
                B64.encodeToString(assertion.clientDataJson()), B64.encodeToString(assertion.signature()), clock.instant(),
                signedFor));
        store.updateSlot(slot.id(), prepared.decision() == Decision.APPROVE ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED);
        events.publishEvent(new ApprovalDecided(c.id(), c.subjectType(), c.subjectId(), slot.position(), slot.kind(), me,
                prepared.decision(), HexFormat.of().formatHex(challenge)));
        if (prepared.decision() == Decision.REJECT
                || slots.stream().allMatch(s -> s == slot || s.status() == ApprovalStatus.APPROVED)) {
            approvalProcess.settled(c.id());
        }
    }

    private void refuseIfIneligible(String me, CaseRow c, SlotRow slot, List<SlotRow> slots) {
        Optional<String> refusal = eligibility.refusal(eligibility.approver(me), c, slot, slots, store.decisions(c.id()),
                store.conflicts(c.id()));
        if (refusal.isPresent()) {
            throw refused(c, slot, me, refusal.get());
        }
    }

    private RuntimeException refused(CaseRow c, SlotRow slot, String who, String reason) {
        refusals.record(new DecisionRefused(c.id(), slot.id(), who, reason));
        return new DecisionRefusedException(reason);
    }

    /** A stored decision holds when its document describes this case, slot, approver and decision and the signature verifies. */
    private Verification check(CaseRow c, SlotRow slot, DecisionRow d) {
        Map<String, Object> document;
        try {
            document = DecisionDocuments.parse(d.document());
        } catch (IllegalArgumentException e) {
            return new Verification(false, "the stored document is not valid JSON");
        }
        boolean describesThis = c.id().equals(document.get("approval"))
                && Integer.valueOf(slot.position()).equals(document.get("slot"))
                && slot.kind().name().equals(document.get("slotKind"))
                && d.approver().equals(document.get("approver"))
                && d.decision().name().equals(document.get("decision"))
                && Objects.equals(d.comment(), document.get("comment"))
                && DecisionDocuments.canonical(document.get("subject")).equals(c.facts());
        if (!describesThis) {
            return new Verification(false, "the stored document does not match the recorded decision");
        }
        try {
            return signatures.verify(d.approver(), DecisionDocuments.sha256(d.document()), new PasskeyAssertion(
                    B64_DECODER.decode(d.credentialId()), B64_DECODER.decode(d.authenticatorData()),
                    B64_DECODER.decode(d.clientDataJson()), B64_DECODER.decode(d.signature())),
                    d.signedFor() != null ? d.signedFor() : signatures.relyingParty());
        } catch (IllegalArgumentException e) {
            return new Verification(false, "the stored assertion is not valid base64url");
        }
    }

    private static String document(CaseRow c, SlotRow slot, String approver, Decision decision, String comment,
                                   Instant at, String nonce) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("approval", c.id());
        document.put("subject", DecisionDocuments.parse(c.facts()));
        document.put("slot", slot.position());
        document.put("slotKind", slot.kind().name());
        document.put("approver", approver);
        document.put("decision", decision.name());
        if (comment != null) {
            document.put("comment", comment);
        }
        document.put("decidedAt", at.toString());
        document.put("nonce", nonce);
        return DecisionDocuments.canonical(document);
    }
}
