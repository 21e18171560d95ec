package cn.partybuilding.contracts;

/**
 * CloudEvents {@code type} values. The payload ({@code data}) of each is described in the AsyncAPI
 * document; {@link #dataschema(String)} gives the value that goes in {@code dataschema}.
 */
public final class EventTypes {
    private static final String PREFIX = "cn.partybuilding.";

    // party.organisation.v1
    public static final String UNIT_REGISTERED = PREFIX + "unit.registered";
    public static final String ORGANIZATION_REGISTERED = PREFIX + "party-organization.registered";
    public static final String MEMBER_REGISTERED = PREFIX + "member.registered";
    public static final String MEMBER_UPDATED = PREFIX + "member.updated";

    // party.assessment.v1
    public static final String INDICATOR_SYSTEM_PUBLISHED = PREFIX + "indicator-system.published";
    public static final String ASSESSMENT_RECORDED = PREFIX + "assessment.recorded";
    public static final String ASSESSMENT_CORRECTED = PREFIX + "assessment.corrected";
    public static final String FINDING_RAISED = PREFIX + "finding.raised";
    public static final String RECTIFICATION_CLOSED = PREFIX + "rectification.closed";
    public static final String RECTIFICATION_OVERDUE = PREFIX + "rectification.overdue";
    /** The unit submitted close-out evidence; the item waits for the committee (issue 16.4). */
    public static final String RECTIFICATION_SUBMITTED = PREFIX + "rectification.submitted";
    /** The committee returned the evidence with a reason; the item is OPEN or OVERDUE again. */
    public static final String RECTIFICATION_RETURNED = PREFIX + "rectification.returned";
    /** The item's deadline is N working days away: the 整改提醒, once per item. */
    public static final String RECTIFICATION_DUE_SOON = PREFIX + "rectification.due-soon";
    public static final String BONUS_GRANTED = PREFIX + "bonus.granted";
    public static final String PERIOD_LOCKED = PREFIX + "period.locked";
    public static final String PERIOD_REOPENED = PREFIX + "period.reopened";

    // party.study.v1
    public static final String STUDY_COMPLETED = PREFIX + "study.completed";
    public static final String EXAM_GRADED = PREFIX + "exam.graded";
    public static final String PLATFORM_POINTS_RECORDED = PREFIX + "platform-points.recorded";

    // party.reporting.v1
    public static final String RANKING_PUBLISHED = PREFIX + "ranking.published";
    public static final String QUARTERLY_GRADES_PUBLISHED = PREFIX + "quarterly-grades.published";
    public static final String ANNUAL_RESULTS_PUBLISHED = PREFIX + "annual-results.published";

    // party.notice-requests.v1
    public static final String NOTICE_REQUESTED = PREFIX + "notice.requested";
    /** Issue 13.5: a notice requested before no longer applies (a republished month changed it); notification withdraws it. */
    public static final String NOTICE_WITHDRAWAL_REQUESTED = PREFIX + "notice.withdrawal-requested";

    // party.notification.v1
    public static final String NOTICE_ISSUED = PREFIX + "notice.issued";
    public static final String NOTICE_ACKNOWLEDGED = PREFIX + "notice.acknowledged";
    public static final String NOTICE_ESCALATED = PREFIX + "notice.escalated";
    public static final String NOTICE_WITHDRAWN = PREFIX + "notice.withdrawn";

    /** Schema version of every payload in this release. A breaking change bumps it and the topic suffix. */
    public static final int SCHEMA_VERSION = 1;

    /** The {@code dataschema} URI of an event type, pointing into the AsyncAPI document. */
    public static String dataschema(String type) {
        return "urn:partybuilding:schema:" + type.substring(PREFIX.length()) + ":" + SCHEMA_VERSION;
    }

    private EventTypes() {
    }
}
