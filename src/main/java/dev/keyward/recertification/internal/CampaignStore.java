package dev.keyward.recertification.internal;

import dev.keyward.access.Permission;
import dev.keyward.identity.PasskeySignatures.RelyingParty;
import dev.keyward.recertification.CampaignStatus;
import dev.keyward.recertification.ReviewFlag;
import dev.keyward.recertification.ReviewItem;
import dev.keyward.recertification.ReviewItem.ItemStatus;
import dev.keyward.recertification.ReviewItem.Recommendation;
import dev.keyward.recertification.ReviewItem.ReviewerKind;
import dev.keyward.recertification.ReviewerCampaign;
import dev.keyward.recertification.ReviewerProgress;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The recertification tables: campaigns, review items, signed batches. */
@Repository
public class CampaignStore {

    public record CampaignRow(String id, String name, String definition, CampaignStatus status, String launchedBy,
                              Instant launchedAt, Instant escalateAt, Instant deadlineAt, Instant closedAt,
                              String closedBy, String previousId, Instant nextRoundAt) {
    }

    /** A new item, as the launch (or a second stage) writes it. */
    public record NewItem(String campaignId, String grantId, String principal, boolean serviceAccount,
                          String accountOwner, String key, String sensitivity, String keyOwner,
                          Set<Permission> permissions, Instant validFrom, Instant validUntil, int stage,
                          ReviewerKind reviewerKind, String reviewer, String routedReason, Recommendation recommendation,
                          String reason, Set<ReviewFlag> flags, boolean delta) {
    }

    public record BatchRow(String id, String campaignId, String reviewer, String document, String status,
                           Instant preparedAt, Instant expiresAt, Instant signedAt, String credentialId,
                           String authenticatorData, String clientDataJson, String signature, RelyingParty signedFor) {
    }

    /** Filters for a reviewer's items (null: any). */
    public record ItemFilter(String campaignId, String key, Recommendation recommendation, ReviewFlag flag,
                             boolean pendingOnly) {
    }

    /** What a grant looked like when it was last kept by a signed review (for delta mode). */
    public record SignedOff(Set<Permission> permissions, Instant validUntil) {
    }

    private static final int BATCH = 1_000;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    CampaignStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public void insert(CampaignRow c) {
        jdbc.sql("insert into recert_campaign (id, name, definition, status, launched_by, launched_at, escalate_at, "
                        + "deadline_at, previous_id, next_round_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), c.name(), c.definition(), c.status().name(), c.launchedBy(), ts(c.launchedAt()),
                        ts(c.escalateAt()), ts(c.deadlineAt()), c.previousId(), ts(c.nextRoundAt()))
                .update();
    }

    public Optional<CampaignRow> find(String id) {
        return jdbc.sql("select * from recert_campaign where id = ?").param(id).query(CampaignStore::campaign).optional();
    }

    public Optional<CampaignRow> lock(String id) {
        return jdbc.sql("select * from recert_campaign where id = ? for update").param(id)
                .query(CampaignStore::campaign).optional();
    }

    public List<CampaignRow> campaigns(int offset, int limit) {
        return jdbc.sql("select * from recert_campaign order by launched_at desc offset " + offset + " rows fetch next "
                + limit + " rows only").query(CampaignStore::campaign).list();
    }

    public void setStatus(String id, CampaignStatus status) {
        jdbc.sql("update recert_campaign set status = ? where id = ?").params(status.name(), id).update();
    }

    /** Closes an open campaign; false when it was closed already. */
    public boolean close(String id, String by, Instant at) {
        return jdbc.sql("update recert_campaign set status = 'CLOSED', closed_at = ?, closed_by = ? where id = ? "
                + "and status <> 'CLOSED'").params(ts(at), by, id).update() == 1;
    }

    public void stopRecurrence(String id) {
        jdbc.sql("update recert_campaign set next_round_at = null where id = ?").param(id).update();
    }

    /**
     * Writes the items: on PostgreSQL with one COPY (a launch writes a row per grant in scope, 100,000 and more), on
     * other databases in JDBC batches of a thousand rows.
     */
    public void insertItems(List<NewItem> items) {
        if (items.isEmpty()) {
            return;
        }
        Boolean copied = template.execute((ConnectionCallback<Boolean>) connection -> {
            if (!connection.isWrapperFor(PGConnection.class)) {
                return false;
            }
            try {
                new CopyManager(connection.unwrap(BaseConnection.class)).copyIn("copy recert_item (" + ITEM_COLUMNS
                        + ") from stdin with (format csv)", new StringReader(csv(items)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return true;
        });
        if (Boolean.TRUE.equals(copied)) {
            return;
        }
        String sql = "insert into recert_item (" + ITEM_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, ?, ?, ?)";
        for (int from = 0; from < items.size(); from += BATCH) {
            List<NewItem> chunk = items.subList(from, Math.min(items.size(), from + BATCH));
            template.batchUpdate(sql, chunk, chunk.size(), (PreparedStatement ps, NewItem i) -> {
                List<Object> values = values(i);
                for (int column = 0; column < values.size(); column++) {
                    Object value = values.get(column);
                    if (value == null) {
                        ps.setNull(column + 1, Types.VARCHAR);
                    } else {
                        ps.setObject(column + 1, value instanceof Instant at ? Timestamp.from(at) : value);
                    }
                }
            });
        }
    }

    private static final String ITEM_COLUMNS = "campaign_id, grant_id, principal, service_account, account_owner, "
            + "key_alias, sensitivity, key_owner, permissions, valid_from, valid_until, stage, reviewer_kind, reviewer, "
            + "routed_reason, recommendation, reason, flags, delta, status, no_response, late";

    /** A new item's column values, in {@link #ITEM_COLUMNS} order. */
    private static List<Object> values(NewItem i) {
        return Arrays.asList(i.campaignId(), i.grantId(), i.principal(), i.serviceAccount(), i.accountOwner(),
                i.key(), i.sensitivity(), i.keyOwner(), Permission.codes(i.permissions()), i.validFrom(), i.validUntil(), i.stage(),
                i.reviewerKind().name(), i.reviewer(), i.routedReason(), i.recommendation().name(), i.reason(),
                i.flags().stream().map(Enum::name).sorted().collect(Collectors.joining(",")), i.delta(), "PENDING",
                false, false);
    }

    /** The items as PostgreSQL's COPY reads CSV: unquoted empty for null, everything else quoted. */
    private static String csv(List<NewItem> items) {
        StringWriter out = new StringWriter(items.size() * 300);
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.POSTGRESQL_CSV)) {
            for (NewItem item : items) {
                List<Object> values = values(item);
                values.replaceAll(v -> v instanceof Instant at ? at.toString() : v);
                printer.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public List<ReviewItem> itemsForUpdate(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", ids.stream().map(id -> "?").toList());
        return jdbc.sql(ITEM + " where i.id in (" + marks + ") order by i.id for update").params(List.copyOf(ids))
                .query(CampaignStore::item).list();
    }

    /** A campaign's items, by id, one page at a time. */
    public List<ReviewItem> items(String campaignId, long afterId, int limit) {
        return jdbc.sql(ITEM + " where i.campaign_id = ? and i.id > ? order by i.id fetch first " + limit + " rows only")
                .params(campaignId, afterId).query(CampaignStore::item).list();
    }

    /**
     * The items {@code reviewer} may decide or has decided, deltas first then by key and holder: theirs, and the
     * security officers' pool when {@code officer}, never one where they hold the grant or own the account.
     */
    public List<ReviewItem> reviewerItems(String reviewer, boolean officer, ItemFilter filter, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = reviewerWhere(reviewer, officer, filter, params);
        return jdbc.sql(ITEM + where + " order by case when i.status = 'PENDING' then 0 else 1 end, "
                        + "case when i.delta then 0 else 1 end, i.key_alias, i.principal, i.id offset " + offset
                        + " rows fetch next " + limit + " rows only")
                .params(params).query(CampaignStore::item).list();
    }

    public long countReviewerItems(String reviewer, boolean officer, ItemFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = reviewerWhere(reviewer, officer, filter, params);
        return jdbc.sql("select count(*) from recert_item i join recert_campaign c on c.id = i.campaign_id" + where)
                .params(params).query(Long.class).single();
    }

    /** The campaigns in which {@code reviewer} has items, newest first, with how many are still pending. */
    public List<ReviewerCampaign> reviewerCampaigns(String reviewer, boolean officer) {
        List<Object> params = new ArrayList<>();
        String where = reviewerWhere(reviewer, officer, new ItemFilter(null, null, null, null, false), params);
        return jdbc.sql("select c.id, c.name, c.status, c.deadline_at, sum(case when i.status = 'PENDING' then 1 else 0 end) "
                        + "pending from recert_item i join recert_campaign c on c.id = i.campaign_id" + where
                        + " group by c.id, c.name, c.status, c.deadline_at, c.launched_at order by c.launched_at desc")
                .params(params).query((rs, i) -> new ReviewerCampaign(rs.getString("id"),
                        rs.getString("name"), CampaignStatus.valueOf(rs.getString("status")), instant(rs, "deadline_at"),
                        rs.getLong("pending"))).list();
    }

    private static String reviewerWhere(String reviewer, boolean officer, ItemFilter filter, List<Object> params) {
        StringBuilder where = new StringBuilder(" where (i.reviewer = ?");
        params.add(reviewer);
        if (officer) {
            where.append(" or i.reviewer is null");
        }
        where.append(") and i.principal <> ? and (i.account_owner is null or i.account_owner <> ?)");
        params.add(reviewer);
        params.add(reviewer);
        if (filter.pendingOnly()) {
            where.append(" and i.status = 'PENDING'");
        } else {
            where.append(" and i.status <> 'FORWARDED'");
        }
        if (filter.campaignId() != null) {
            where.append(" and i.campaign_id = ?");
            params.add(filter.campaignId());
        }
        if (filter.key() != null) {
            where.append(" and i.key_alias = ?");
            params.add(filter.key());
        }
        if (filter.recommendation() != null) {
            where.append(" and i.recommendation = ?");
            params.add(filter.recommendation().name());
        }
        if (filter.flag() != null) {
            where.append(" and i.flags like ?");
            params.add("%" + filter.flag().name() + "%");
        }
        return where.toString();
    }

    /** Records a decision on an item that is still open to it; false when somebody else's decision came first. */
    public boolean decide(long itemId, ItemStatus status, Set<Permission> kept, String comment, String by, Instant at,
                          String batchId, boolean late, Instant effectiveAt) {
        return jdbc.sql("update recert_item set status = ?, kept_permissions = ?, comment = ?, decided_by = ?, decided_at = ?, "
                        + "batch_id = ?, late = ?, effective_at = ? where id = ? and (status = 'PENDING' or "
                        + "(no_response and not late))")
                .params(status.name(), kept == null ? null : Permission.codes(kept), comment, by, ts(at), batchId, late,
                        ts(effectiveAt), itemId)
                .update() == 1;
    }

    /** Settles a pending item by the deadline rule. */
    public boolean settleUnanswered(long itemId, ItemStatus status, Instant at, Instant effectiveAt, String flags) {
        return jdbc.sql("update recert_item set status = ?, no_response = true, decided_at = ?, effective_at = ?, flags = ? "
                        + "where id = ? and status = 'PENDING'")
                .params(status.name(), ts(at), ts(effectiveAt), flags, itemId).update() == 1;
    }

    public List<ReviewItem> pending(String campaignId) {
        return jdbc.sql(ITEM + " where i.campaign_id = ? and i.status = 'PENDING' order by i.id").param(campaignId)
                .query(CampaignStore::item).list();
    }

    /** Hands a pending item to {@code to}; false when it was decided meanwhile. */
    public boolean reassign(long itemId, String to, String reason) {
        return jdbc.sql("update recert_item set reviewer = ?, routed_reason = ? where id = ? and status = 'PENDING'")
                .params(to, reason, itemId).update() == 1;
    }

    /** Pending items per reviewer ({@code null} key: the officers' pool). */
    public Map<String, Long> pendingByReviewer(String campaignId) {
        Map<String, Long> pending = new HashMap<>();
        jdbc.sql("select reviewer, count(*) n from recert_item where campaign_id = ? and status = 'PENDING' group by reviewer")
                .param(campaignId).query((rs, i) -> pending.put(rs.getString("reviewer"), rs.getLong("n"))).list();
        return pending;
    }

    /** Counts by status and no-response flag, the inputs of a campaign's progress. */
    public List<long[]> statusCounts(String campaignId) {
        return jdbc.sql("select status, no_response, count(*) n from recert_item where campaign_id = ? group by status, "
                        + "no_response")
                .param(campaignId).query((rs, i) -> new long[] {ItemStatus.valueOf(rs.getString("status")).ordinal(),
                        rs.getBoolean("no_response") ? 1 : 0, rs.getLong("n")}).list();
    }

    public List<ReviewerProgress> reviewerProgress(String campaignId, boolean overdue) {
        return jdbc.sql("select reviewer, "
                        + "sum(case when status in ('KEPT', 'REVOKED', 'REDUCED', 'FORWARDED') and not no_response then 1 else 0 end) decided, "
                        + "sum(case when status in ('KEPT', 'FORWARDED') and not no_response then 1 else 0 end) kept, "
                        + "sum(case when status = 'REVOKED' and not no_response then 1 else 0 end) revoked, "
                        + "sum(case when status = 'REDUCED' and not no_response then 1 else 0 end) reduced, "
                        + "sum(case when status = 'PENDING' then 1 else 0 end) pending "
                        + "from recert_item where campaign_id = ? group by reviewer order by reviewer")
                .param(campaignId)
                .query((rs, i) -> {
                    long pending = rs.getLong("pending");
                    return new ReviewerProgress(rs.getString("reviewer"), rs.getLong("decided"), rs.getLong("kept"),
                            rs.getLong("revoked"), rs.getLong("reduced"), pending, overdue ? pending : 0);
                }).list();
    }

    /** For delta mode: each grant's state when a reviewer last kept it (signed, not by the no-response rule). */
    public Map<String, SignedOff> lastSignedOff(Collection<String> grantIds) {
        Map<String, SignedOff> signedOff = new HashMap<>();
        List<String> ids = List.copyOf(grantIds);
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH));
            String marks = String.join(",", chunk.stream().map(id -> "?").toList());
            jdbc.sql("select grant_id, permissions, valid_until from recert_signoff where grant_id in (" + marks + ")")
                    .params(chunk).query((rs, i) -> signedOff.put(rs.getString("grant_id"),
                            new SignedOff(Permission.fromCodes(rs.getString("permissions")), rs.getTimestamp("valid_until").toInstant())))
                    .list();
        }
        return signedOff;
    }

    /** Records that a reviewer kept the grant as it now stands (replacing its previous sign-off). */
    public void signOff(String grantId, Set<Permission> permissions, Instant validUntil, Instant at, String campaignId,
                        String reviewer) {
        int updated = jdbc.sql("update recert_signoff set permissions = ?, valid_until = ?, signed_at = ?, campaign_id = ?, "
                        + "reviewer = ? where grant_id = ?")
                .params(Permission.codes(permissions), ts(validUntil), ts(at), campaignId, reviewer, grantId).update();
        if (updated == 0) {
            jdbc.sql("insert into recert_signoff (grant_id, permissions, valid_until, signed_at, campaign_id, reviewer) "
                            + "values (?, ?, ?, ?, ?, ?)")
                    .params(grantId, Permission.codes(permissions), ts(validUntil), ts(at), campaignId, reviewer).update();
        }
    }

    public void insert(BatchRow b) {
        jdbc.sql("insert into recert_batch (id, campaign_id, reviewer, document, status, prepared_at, expires_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(b.id(), b.campaignId(), b.reviewer(), b.document(), b.status(), ts(b.preparedAt()), ts(b.expiresAt()))
                .update();
    }

    public Optional<BatchRow> lockBatch(String id) {
        return jdbc.sql("select * from recert_batch where id = ? for update").param(id).query(CampaignStore::batch).optional();
    }

    public Map<String, BatchRow> batches(Collection<String> ids) {
        Map<String, BatchRow> rows = new HashMap<>();
        for (String id : ids) {
            jdbc.sql("select * from recert_batch where id = ?").param(id).query(CampaignStore::batch).optional()
                    .ifPresent(b -> rows.put(id, b));
        }
        return rows;
    }

    public void signed(String id, String status, Instant at, String credentialId, String authenticatorData,
                       String clientDataJson, String signature, RelyingParty signedFor) {
        jdbc.sql("update recert_batch set status = ?, signed_at = ?, credential_id = ?, authenticator_data = ?, "
                        + "client_data_json = ?, signature = ?, rp_id = ?, rp_origins = ? where id = ?")
                .params(status, ts(at), credentialId, authenticatorData, clientDataJson, signature,
                        signedFor == null ? null : signedFor.rpId(), signedFor == null ? null : signedFor.originsText(), id)
                .update();
    }

    private static final String ITEM = "select i.*, c.name campaign_name from recert_item i "
            + "join recert_campaign c on c.id = i.campaign_id";

    private static CampaignRow campaign(ResultSet rs, int i) throws SQLException {
        return new CampaignRow(rs.getString("id"), rs.getString("name"), rs.getString("definition"),
                CampaignStatus.valueOf(rs.getString("status")), rs.getString("launched_by"), instant(rs, "launched_at"),
                instant(rs, "escalate_at"), instant(rs, "deadline_at"), instant(rs, "closed_at"), rs.getString("closed_by"),
                rs.getString("previous_id"), instant(rs, "next_round_at"));
    }

    private static ReviewItem item(ResultSet rs, int i) throws SQLException {
        String kept = rs.getString("kept_permissions");
        return new ReviewItem(rs.getLong("id"), rs.getString("campaign_id"), rs.getString("campaign_name"),
                rs.getString("grant_id"), rs.getString("principal"), rs.getBoolean("service_account"),
                rs.getString("account_owner"), rs.getString("key_alias"), rs.getString("sensitivity"),
                rs.getString("key_owner"), Permission.fromCodes(rs.getString("permissions")), instant(rs, "valid_from"),
                instant(rs, "valid_until"), rs.getInt("stage"), ReviewerKind.valueOf(rs.getString("reviewer_kind")),
                rs.getString("reviewer"), rs.getString("routed_reason"),
                Recommendation.valueOf(rs.getString("recommendation")), rs.getString("reason"), flags(rs.getString("flags")),
                rs.getBoolean("delta"), ItemStatus.valueOf(rs.getString("status")), kept == null ? null : Permission.fromCodes(kept),
                rs.getString("comment"), rs.getString("decided_by"), instant(rs, "decided_at"), rs.getString("batch_id"),
                rs.getBoolean("no_response"), rs.getBoolean("late"), instant(rs, "effective_at"), null);
    }

    private static BatchRow batch(ResultSet rs, int i) throws SQLException {
        return new BatchRow(rs.getString("id"), rs.getString("campaign_id"), rs.getString("reviewer"),
                rs.getString("document"), rs.getString("status"), instant(rs, "prepared_at"), instant(rs, "expires_at"),
                instant(rs, "signed_at"), rs.getString("credential_id"), rs.getString("authenticator_data"),
                rs.getString("client_data_json"), rs.getString("signature"),
                rs.getString("rp_id") == null ? null : RelyingParty.of(rs.getString("rp_id"), rs.getString("rp_origins")));
    }

    static Set<ReviewFlag> flags(String joined) {
        Set<ReviewFlag> set = EnumSet.noneOf(ReviewFlag.class);
        Arrays.stream(joined.split(",")).filter(s -> !s.isBlank()).map(ReviewFlag::valueOf).forEach(set::add);
        return set;
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
