package dev.keyward.recertification.process;

/** The Recertification process (bpmn/Recertification.bpmn): its key, message and variables. */
public final class RecertificationProcess {

    public static final String KEY = "Recertification";
    /** In (and the business key): the campaign. */
    public static final String CAMPAIGN_ID = "campaignId";
    /** The timers' dates: the deadline, the escalation of late reviewers, the next round (null: not recurring). */
    public static final String DEADLINE_AT = "deadlineAt";
    public static final String ESCALATE_AT = "escalateAt";
    public static final String NEXT_ROUND_AT = "nextRoundAt";
    /** The reminders' ISO-8601 repeating interval, e.g. {@code R/PT168H}. */
    public static final String REMIND_CYCLE = "remindCycle";
    /** Correlated with the business key when an officer closes the campaign before its deadline. */
    public static final String MESSAGE_CLOSED_EARLY = "CampaignClosedEarly";
    /** Who closed it early (with the message). */
    public static final String CLOSED_BY = "closedBy";

    private RecertificationProcess() {
    }
}
