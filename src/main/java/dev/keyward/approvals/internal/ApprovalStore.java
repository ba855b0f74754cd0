package dev.keyward.approvals.internal;

import dev.keyward.approvals.ApprovalStatus;
import dev.keyward.approvals.Decision;
import dev.keyward.approvals.SlotKind;
import dev.keyward.identity.PasskeySignatures.RelyingParty;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The approvals tables. Rows are plain records; the service decides what they mean. */
@Repository
public class ApprovalStore {

    public record CaseRow(String id, String subjectType, String subjectId, String requester, String summary,
                          String facts, ApprovalStatus status, Instant createdAt, Instant remindAt, Instant escalateAt,
                          Instant expireAt, Instant concludedAt) {
    }

    public record SlotRow(String id, String caseId, int position, SlotKind kind, String approver, String routedReason,
                          ApprovalStatus status) {
    }

    public record DecisionRow(String slotId, String caseId, String approver, Decision decision, String comment,
                              String document, String credentialId, String authenticatorData, String clientDataJson,
                              String signature, Instant decidedAt, RelyingParty signedFor) {
    }

    public record ChallengeRow(String nonce, String slotId, String approver, Decision decision, String comment,
                               String document, Instant expiresAt) {
    }

    /**
     * Pending slots of pending cases that {@code username} is designated for, or that a pool they belong to may fill:
     * security officers every slot without a designated person, administrators those of kind OFFICER_OR_ADMIN.
     */
    private static final String OPEN_SLOTS = "from approvals_slot s join approvals_case c on c.id = s.case_id "
            + "where c.status = 'PENDING' and s.status = 'PENDING' and (s.approver = ? or (s.approver is null and (? "
            + "or (? and s.kind = 'OFFICER_OR_ADMIN'))))";
    /** The cases of those slots. */
    private static final String OPEN_CASES = "(select s.case_id " + OPEN_SLOTS + ")";

    private final JdbcClient jdbc;

    ApprovalStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(CaseRow c) {
        jdbc.sql("insert into approvals_case (id, subject_type, subject_id, requester, summary, facts, status, "
                        + "created_at, remind_at, escalate_at, expire_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), c.subjectType(), c.subjectId(), c.requester(), c.summary(), c.facts(), c.status().name(),
                        ts(c.createdAt()), ts(c.remindAt()), ts(c.escalateAt()), ts(c.expireAt()))
                .update();
    }

    public void insertConflict(String caseId, String username, String reason) {
        jdbc.sql("insert into approvals_conflict (case_id, username, reason) values (?, ?, ?)")
                .params(caseId, username, reason).update();
    }

    /** Who may not decide on a case, with why. */
    public Map<String, String> conflicts(String caseId) {
        Map<String, String> conflicts = new TreeMap<>();
        jdbc.sql("select username, reason from approvals_conflict where case_id = ?").param(caseId)
                .query(rs -> { conflicts.put(rs.getString("username"), rs.getString("reason")); });
        return conflicts;
    }

    public void insert(SlotRow s) {
        jdbc.sql("insert into approvals_slot (id, case_id, position, kind, approver, routed_reason, status) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(s.id(), s.caseId(), s.position(), s.kind().name(), s.approver(), s.routedReason(), s.status().name())
                .update();
    }

    public void insert(DecisionRow d) {
        jdbc.sql("insert into approvals_decision (slot_id, case_id, approver, decision, comment, document, credential_id, "
                        + "authenticator_data, client_data_json, signature, decided_at, rp_id, rp_origins) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(d.slotId(), d.caseId(), d.approver(), d.decision().name(), d.comment(), d.document(),
                        d.credentialId(), d.authenticatorData(), d.clientDataJson(), d.signature(), ts(d.decidedAt()),
                        d.signedFor().rpId(), d.signedFor().originsText())
                .update();
    }

    public void insert(ChallengeRow c) {
        jdbc.sql("insert into approvals_challenge (nonce, slot_id, approver, decision, comment, document, expires_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(c.nonce(), c.slotId(), c.approver(), c.decision().name(), c.comment(), c.document(), ts(c.expiresAt()))
                .update();
    }

    public Optional<CaseRow> findCase(String id) {
        return jdbc.sql("select * from approvals_case where id = ?").param(id).query(ApprovalStore::caseRow).optional();
    }

    /** Locks the case row: decisions on one case are taken one at a time. */
    public Optional<CaseRow> lockCase(String id) {
        return jdbc.sql("select * from approvals_case where id = ? for update").param(id).query(ApprovalStore::caseRow).optional();
    }

    public Optional<SlotRow> findSlot(String id) {
        return jdbc.sql("select * from approvals_slot where id = ?").param(id).query(ApprovalStore::slotRow).optional();
    }

    public List<SlotRow> slots(String caseId) {
        return jdbc.sql("select * from approvals_slot where case_id = ? order by position").param(caseId)
                .query(ApprovalStore::slotRow).list();
    }

    public List<DecisionRow> decisions(String caseId) {
        return jdbc.sql("select * from approvals_decision where case_id = ?").param(caseId)
                .query(ApprovalStore::decisionRow).list();
    }

    /**
     * What an inbox needs, in four queries however long it is: the open slots {@code username} may be asked to fill
     * (oldest case first), their cases, and every slot and decision of those cases.
     */
    public Inbox inbox(String username, boolean securityOfficer, boolean administrator) {
        Object[] who = {username, securityOfficer, administrator};
        List<SlotRow> open = jdbc.sql("select s.* " + OPEN_SLOTS + " order by c.created_at, s.position")
                .params(who).query(ApprovalStore::slotRow).list();
        if (open.isEmpty()) {
            return new Inbox(open, Map.of(), Map.of(), Map.of(), Map.of());
        }
        Map<String, CaseRow> cases = jdbc.sql("select * from approvals_case where id in " + OPEN_CASES)
                .params(who).query(ApprovalStore::caseRow).stream()
                .collect(Collectors.toMap(CaseRow::id, c -> c));
        Map<String, List<SlotRow>> slots = jdbc.sql("select * from approvals_slot where case_id in " + OPEN_CASES
                        + " order by position")
                .params(who).query(ApprovalStore::slotRow).stream()
                .collect(Collectors.groupingBy(SlotRow::caseId));
        Map<String, List<DecisionRow>> decisions = jdbc.sql("select * from approvals_decision where case_id in " + OPEN_CASES)
                .params(who).query(ApprovalStore::decisionRow).stream()
                .collect(Collectors.groupingBy(DecisionRow::caseId));
        Map<String, Map<String, String>> conflicts = new HashMap<>();
        jdbc.sql("select * from approvals_conflict where case_id in " + OPEN_CASES).params(who)
                .query(rs -> { conflicts.computeIfAbsent(rs.getString("case_id"), id -> new TreeMap<>())
                        .put(rs.getString("username"), rs.getString("reason")); });
        return new Inbox(open, cases, slots, decisions, conflicts);
    }

    /** An inbox's rows; a case whose state moved on between the queries is simply left out. */
    public record Inbox(List<SlotRow> open, Map<String, CaseRow> cases, Map<String, List<SlotRow>> slots,
                        Map<String, List<DecisionRow>> decisions, Map<String, Map<String, String>> conflicts) {
    }

    public Optional<ChallengeRow> takeChallenge(String nonce) {
        Optional<ChallengeRow> row = jdbc.sql("select * from approvals_challenge where nonce = ?").param(nonce)
                .query((rs, i) -> new ChallengeRow(rs.getString("nonce"), rs.getString("slot_id"), rs.getString("approver"),
                        Decision.valueOf(rs.getString("decision")), rs.getString("comment"), rs.getString("document"),
                        instant(rs, "expires_at")))
                .optional();
        row.ifPresent(r -> jdbc.sql("delete from approvals_challenge where nonce = ?").param(nonce).update());
        return row;
    }

    public void deleteExpiredChallenges(Instant now) {
        jdbc.sql("delete from approvals_challenge where expires_at < ?").param(ts(now)).update();
    }

    public void updateSlot(String slotId, ApprovalStatus status) {
        jdbc.sql("update approvals_slot set status = ? where id = ?").params(status.name(), slotId).update();
    }

    public void routeToSecurityOfficers(String slotId, String reason) {
        jdbc.sql("update approvals_slot set approver = null, routed_reason = ? where id = ?").params(reason, slotId).update();
    }

    /** The ids of every pending case, oldest first. */
    public List<String> pendingCaseIds() {
        return jdbc.sql("select id from approvals_case where status = 'PENDING' order by created_at").query(String.class).list();
    }

    /** Pending cases with an open slot designated for {@code username}, or flagged as unable to finish. */
    public List<String> pendingCaseIdsConcerning(String username) {
        return jdbc.sql("select c.id from approvals_case c where c.status = 'PENDING' and (c.blocked_reason is not null "
                        + "or exists (select 1 from approvals_slot s where s.case_id = c.id and s.status = 'PENDING' "
                        + "and s.approver = ?)) order by c.created_at")
                .param(username).query(String.class).list();
    }

    /** Marks a case as unable to finish; false when it was marked with this reason already. */
    public boolean block(String caseId, String reason, Instant at) {
        return jdbc.sql("update approvals_case set blocked_reason = ?, blocked_at = ? where id = ? "
                        + "and (blocked_reason is null or blocked_reason <> ?)")
                .params(reason, ts(at), caseId, reason).update() == 1;
    }

    /** Clears the mark of a case that can finish again; false when it had none. */
    public boolean unblock(String caseId) {
        return jdbc.sql("update approvals_case set blocked_reason = null, blocked_at = null where id = ? "
                + "and blocked_reason is not null").param(caseId).update() == 1;
    }

    public void conclude(String caseId, ApprovalStatus status, Instant at) {
        jdbc.sql("update approvals_case set status = ?, concluded_at = ? where id = ?").params(status.name(), ts(at), caseId).update();
    }

    private static CaseRow caseRow(ResultSet rs, int i) throws SQLException {
        return new CaseRow(rs.getString("id"), rs.getString("subject_type"), rs.getString("subject_id"),
                rs.getString("requester"), rs.getString("summary"), rs.getString("facts"),
                ApprovalStatus.valueOf(rs.getString("status")), instant(rs, "created_at"), instant(rs, "remind_at"),
                instant(rs, "escalate_at"), instant(rs, "expire_at"), instant(rs, "concluded_at"));
    }

    private static SlotRow slotRow(ResultSet rs, int i) throws SQLException {
        return new SlotRow(rs.getString("id"), rs.getString("case_id"), rs.getInt("position"),
                SlotKind.valueOf(rs.getString("kind")), rs.getString("approver"), rs.getString("routed_reason"),
                ApprovalStatus.valueOf(rs.getString("status")));
    }

    private static DecisionRow decisionRow(ResultSet rs, int i) throws SQLException {
        return new DecisionRow(rs.getString("slot_id"), rs.getString("case_id"), rs.getString("approver"),
                Decision.valueOf(rs.getString("decision")), rs.getString("comment"), rs.getString("document"),
                rs.getString("credential_id"), rs.getString("authenticator_data"), rs.getString("client_data_json"),
                rs.getString("signature"), instant(rs, "decided_at"),
                rs.getString("rp_id") == null ? null : RelyingParty.of(rs.getString("rp_id"), rs.getString("rp_origins")));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
