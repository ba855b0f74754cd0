package dev.keyward.recertification;

import dev.keyward.audit.AuditTarget;
import dev.keyward.audit.EvidenceSeals;
import dev.keyward.common.ConflictException;
import dev.keyward.common.NotFoundException;
import dev.keyward.identity.CurrentUser;
import dev.keyward.identity.Roles;
import dev.keyward.recertification.RecertificationEvents.RecurrenceStopped;
import dev.keyward.recertification.internal.CampaignReport;
import dev.keyward.recertification.internal.CampaignRules;
import dev.keyward.recertification.internal.CampaignStore;
import dev.keyward.recertification.internal.CampaignStore.CampaignRow;
import dev.keyward.recertification.internal.CampaignStore.ItemFilter;
import dev.keyward.recertification.internal.Campaigns;
import dev.keyward.recertification.internal.RecertificationWorkflow;
import dev.keyward.recertification.process.RecertificationProcess;
import jakarta.annotation.security.RolesAllowed;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recertification campaigns for the people who run and check them: security officers define, remind and close
 * them; officers and auditors follow their progress, read their items and download the sealed report. Reviewers see
 * their own items here too; they decide through {@link ReviewService}.
 */
@Service
@Transactional
@PreAuthorize("isAuthenticated()")
public class CampaignService {

    private final CampaignStore store;
    private final Campaigns campaigns;
    private final CampaignRules rules;
    private final RecertificationWorkflow workflow;
    private final CampaignReport report;
    private final EvidenceSeals seals;
    private final CurrentUser currentUser;
    private final RuntimeService runtime;
    private final ApplicationEventPublisher events;

    CampaignService(CampaignStore store, Campaigns campaigns, CampaignRules rules, RecertificationWorkflow workflow,
                    CampaignReport report, EvidenceSeals seals, CurrentUser currentUser, RuntimeService runtime,
                    ApplicationEventPublisher events) {
        this.store = store;
        this.campaigns = campaigns;
        this.rules = rules;
        this.workflow = workflow;
        this.report = report;
        this.seals = seals;
        this.currentUser = currentUser;
        this.runtime = runtime;
        this.events = events;
    }

    /**
     * Checks the definition (refused whole, at the field to blame) and launches the campaign: the scope is
     * snapshotted right after this commits, in the background; the campaign shows LAUNCHING until then.
     */
    @RolesAllowed(Roles.SECURITY_OFFICER)
    public Campaign launch(CampaignDefinition definition) {
        return campaigns.define(rules.normalise(definition), currentUser.requireUsername(), null);
    }

    @RolesAllowed({Roles.SECURITY_OFFICER, Roles.AUDITOR})
    @Transactional(readOnly = true)
    public List<Campaign> list(int offset, int limit) {
        return store.campaigns(offset, limit).stream().map(campaigns::view).toList();
    }

    @RolesAllowed({Roles.SECURITY_OFFICER, Roles.AUDITOR})
    @Transactional(readOnly = true)
    public Campaign get(String id) {
        return campaigns.view(row(id));
    }

    /** Each reviewer's share (the officers' pool under a null reviewer). */
    @RolesAllowed({Roles.SECURITY_OFFICER, Roles.AUDITOR})
    @Transactional(readOnly = true)
    public List<ReviewerProgress> reviewers(String id) {
        CampaignRow campaign = row(id);
        return store.reviewerProgress(id, campaigns.overdue(campaign));
    }

    /**
     * The campaign's items, a page at a time by item id: all of them for officers and auditors, a reviewer's own for
     * anyone else (none: an empty page, so a campaign's existence is no secret but its contents are).
     */
    @Transactional(readOnly = true)
    public List<ReviewItem> items(String id, long afterId, int limit) {
        row(id);
        if (currentUser.hasRole(Roles.SECURITY_OFFICER) || currentUser.hasRole(Roles.AUDITOR)) {
            return store.items(id, afterId, limit);
        }
        return store.reviewerItems(currentUser.requireUsername(), false, new ItemFilter(id, null, null, null, false),
                0, Integer.MAX_VALUE).stream().filter(i -> i.id() > afterId).sorted(Comparator.comparingLong(ReviewItem::id))
                .limit(limit).toList();
    }

    /** Reminds the reviewers now (as the reminder timer does). */
    @RolesAllowed(Roles.SECURITY_OFFICER)
    public Campaign remind(String id) {
        requireOpen(row(id));
        workflow.remind(id);
        return get(id);
    }

    /**
     * Closes an open campaign before its deadline: the no-response rule settles what is pending, now, and the
     * report can be downloaded.
     */
    @RolesAllowed(Roles.SECURITY_OFFICER)
    public Campaign close(String id) {
        requireOpen(row(id));
        runtime.createMessageCorrelation(RecertificationProcess.MESSAGE_CLOSED_EARLY).processInstanceBusinessKey(id)
                .setVariable(RecertificationProcess.CLOSED_BY, currentUser.requireUsername()).correlate();
        return get(id);
    }

    /** A recurring campaign launches no further rounds after this one. */
    @RolesAllowed(Roles.SECURITY_OFFICER)
    public Campaign stopRecurrence(String id) {
        CampaignRow campaign = row(id);
        if (campaign.nextRoundAt() == null) {
            throw new ConflictException("This campaign launches no further rounds.");
        }
        store.stopRecurrence(id);
        events.publishEvent(new RecurrenceStopped(id));
        return get(id);
    }

    /**
     * The closed campaign's report (JSON and CSV: scope, who held what at launch, every decision with its reviewer,
     * time, comment and verified signature, what was revoked and when, who holds what now), sealed with the audit
     * key into one zip that the offline verifier checks.
     */
    @RolesAllowed({Roles.SECURITY_OFFICER, Roles.AUDITOR})
    public byte[] report(String id) {
        CampaignRow campaign = row(id);
        if (campaign.status() != CampaignStatus.CLOSED) {
            throw new ConflictException("The report is ready once the campaign has closed (at its deadline, "
                    + campaign.deadlineAt() + ", or when a security officer closes it).");
        }
        return seals.seal(new AuditTarget("campaign", id), report.files(campaigns.view(campaign)));
    }

    private CampaignRow row(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("No campaign " + id + "."));
    }

    private static void requireOpen(CampaignRow campaign) {
        if (campaign.status() != CampaignStatus.OPEN) {
            throw new ConflictException("The campaign is " + campaign.status() + ", not OPEN.");
        }
    }
}
