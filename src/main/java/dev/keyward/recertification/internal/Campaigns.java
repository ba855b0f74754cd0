package dev.keyward.recertification.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyward.approvals.BusinessDays;
import dev.keyward.approvals.SignedDocuments;
import dev.keyward.recertification.Campaign;
import dev.keyward.recertification.Campaign.Progress;
import dev.keyward.recertification.CampaignDefinition;
import dev.keyward.recertification.CampaignStatus;
import dev.keyward.recertification.RecertificationEvents.CampaignDefined;
import dev.keyward.recertification.ReviewItem.ItemStatus;
import dev.keyward.recertification.internal.CampaignStore.CampaignRow;
import dev.keyward.recertification.process.RecertificationProcess;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Campaign rows as the services and the workflow share them: defining one (the row, its dates, its process),
 * reading its definition back, and its progress.
 */
@Component
public class Campaigns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CampaignStore store;
    private final BusinessDays businessDays;
    private final RecertificationProperties properties;
    private final RuntimeService runtime;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Campaigns(CampaignStore store, BusinessDays businessDays, RecertificationProperties properties,
              RuntimeService runtime, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.businessDays = businessDays;
        this.properties = properties;
        this.runtime = runtime;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Records a checked definition as a LAUNCHING campaign and starts its process, which snapshots the scope at
     * once (asynchronously: a large scope takes seconds) and runs it to its deadline.
     */
    public Campaign define(CampaignDefinition definition, String by, String previousId) {
        Instant now = clock.instant();
        Instant deadline = businessDays.add(now, definition.durationDays());
        int escalateAfter = Math.max(0, definition.durationDays() - properties.escalateBusinessDaysBefore());
        Instant escalate = escalateAfter == 0 ? now : businessDays.add(now, escalateAfter);
        Instant nextRound = definition.recurrence() == null ? null
                : now.atZone(ZoneOffset.UTC).plus(Period.parse(definition.recurrence())).toInstant();
        String id = UUID.randomUUID().toString();
        String canonical = SignedDocuments.canonical(definition);
        store.insert(new CampaignRow(id, definition.name(), canonical, CampaignStatus.LAUNCHING, by, now, escalate,
                deadline, null, null, previousId, nextRound));
        events.publishEvent(new CampaignDefined(id, definition.name(), canonical));
        Map<String, Object> variables = new HashMap<>();
        variables.put(RecertificationProcess.CAMPAIGN_ID, id);
        variables.put(RecertificationProcess.DEADLINE_AT, Date.from(deadline));
        variables.put(RecertificationProcess.ESCALATE_AT, Date.from(escalate));
        variables.put(RecertificationProcess.REMIND_CYCLE, "R/" + properties.remindEvery());
        variables.put(RecertificationProcess.NEXT_ROUND_AT, nextRound == null ? null : Date.from(nextRound));
        runtime.startProcessInstanceByKey(RecertificationProcess.KEY, id, variables);
        return view(store.find(id).orElseThrow());
    }

    public CampaignDefinition definition(CampaignRow row) {
        try {
            return JSON.readValue(row.definition(), CampaignDefinition.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Campaign " + row.id() + " has an unreadable definition", e);
        }
    }

    public Campaign view(CampaignRow row) {
        return new Campaign(row.id(), row.name(), definition(row), row.status(), row.launchedBy(), row.launchedAt(),
                row.escalateAt(), row.deadlineAt(), row.closedAt(), row.closedBy(), row.previousId(), row.nextRoundAt(),
                progress(row));
    }

    public Progress progress(CampaignRow row) {
        long[] byStatus = new long[ItemStatus.values().length];
        long noResponse = 0;
        for (long[] count : store.statusCounts(row.id())) {
            byStatus[(int) count[0]] += count[2];
            if (count[1] == 1) {
                noResponse += count[2];
            }
        }
        long kept = byStatus[ItemStatus.KEPT.ordinal()];
        long revoked = byStatus[ItemStatus.REVOKED.ordinal()];
        long reduced = byStatus[ItemStatus.REDUCED.ordinal()];
        long pending = byStatus[ItemStatus.PENDING.ordinal()];
        return new Progress(kept + revoked + reduced + pending, kept + revoked + reduced, kept, revoked, reduced,
                pending, overdue(row) ? pending : 0, noResponse);
    }

    /** Whether pending items are late: the campaign is open and past its escalation date. */
    public boolean overdue(CampaignRow row) {
        return row.status() == CampaignStatus.OPEN && !clock.instant().isBefore(row.escalateAt());
    }
}
