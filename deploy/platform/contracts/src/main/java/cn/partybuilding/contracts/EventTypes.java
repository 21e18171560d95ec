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
    /** Issue 16.3: 责任清单 items (payload: the item's whole state with its revision). */
    public static final String RESPONSIBILITY_ITEM_ADDED = PREFIX + "responsibility-item.added";
    public static final String RESPONSIBILITY_ITEM_CHANGED = PREFIX + "responsibility-item.changed";
    public static final String RESPONSIBILITY_ITEM_CHECKED_OFF = PREFIX + "responsibility-item.checked-off";

    // party.study.v1
    public static final String STUDY_COMPLETED = PREFIX + "study.completed";
    public static final String EXAM_GRADED = PREFIX + "exam.graded";
    public static final String PLATFORM_POINTS_RECORDED = PREFIX + "platform-points.recorded";
    /** Issue 16.1: a completion that no longer counts (a meeting's revision took its member off the attendees). */
    public static final String STUDY_WITHDRAWN = PREFIX + "study.withdrawn";
    /** Issue 16.1: a meeting (三会一课, 主题党日 …) recorded / revised; full state, the highest revision wins. */
    public static final String MEETING_RECORDED = PREFIX + "meeting.recorded";
    public static final String MEETING_REVISED = PREFIX + "meeting.revised";

    // party.reporting.v1
    public static final String RANKING_PUBLISHED = PREFIX + "ranking.published";
    public static final String QUARTERLY_GRADES_PUBLISHED = PREFIX + "quarterly-grades.published";
    public static final String ANNUAL_RESULTS_PUBLISHED = PREFIX + "annual-results.published";
    /** Issue 16.2: the quarterly ranking of the party branches, published with the quarter. */
    public static final String BRANCH_RANKING_PUBLISHED = PREFIX + "branch-ranking.published";

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
