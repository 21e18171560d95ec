package cn.partybuilding.contracts;

import java.util.List;

/**
 * Every Kafka topic of the system, in one place. The AsyncAPI document
 * ({@code contracts/asyncapi.yaml} on the classpath of this module) describes each one.
 * Records are keyed by unit code, so one unit's events stay in order within a partition.
 */
public final class Topics {
    /** Units, party organisations and members (the roster). Published by assessment-service. */
    public static final String ORGANISATION = "party.organisation.v1";
    /** Indicator systems, scores, corrections, findings, rectification, bonuses, periods. Published by assessment-service. */
    public static final String ASSESSMENT = "party.assessment.v1";
    /** Study completions, exam results, 学习强国 points. Published by assessment-service and by other government systems. */
    public static final String STUDY = "party.study.v1";
    /** Published rankings, quarterly grades and annual results. Published by reporting-service. */
    public static final String REPORTING = "party.reporting.v1";
    /** Which notice goes to whom. Published by reporting-service, consumed by notification-service. */
    public static final String NOTICE_REQUESTS = "party.notice-requests.v1";
    /** Notice issued, acknowledged, escalated. Published by notification-service. */
    public static final String NOTIFICATION = "party.notification.v1";

    /** Suffix of a consumer's dead-letter topic: {@code <topic>.<consumer-group>.dlt}. */
    public static String deadLetter(String topic, String consumerGroup) {
        return topic + "." + consumerGroup + ".dlt";
    }

    /** Header names on dead-lettered records. */
    public static final String DLT_REASON_HEADER = "dead-letter-reason";
    public static final String DLT_TOPIC_HEADER = "dead-letter-topic";
    public static final String DLT_PARTITION_HEADER = "dead-letter-partition";
    public static final String DLT_OFFSET_HEADER = "dead-letter-offset";

    public static final List<String> ALL = List.of(ORGANISATION, ASSESSMENT, STUDY, REPORTING, NOTICE_REQUESTS, NOTIFICATION);

    /** Subject (and key) of events that concern the whole committee rather than one unit. */
    public static final String COMMITTEE_SUBJECT = "COMMITTEE";

    private Topics() {
    }
}
