package cn.partybuilding.notification.notice;

/** The kinds of notice (SPEC "Notices"); all but ESCALATION arrive as notice.requested. */
public enum NoticeType {
    MONTHLY_BULLETIN("月度通报"),
    /** Issue 13.5: the 更正通报 of a republished month, one document 主送 all units with the corrected table. */
    CORRECTION_BULLETIN("更正通报"),
    COMMENDATION("通报表扬"),
    /**
     * Issue 16.5: the 通报表扬 of a 年度党建工作优秀单位, to its secretary, when the year's results are first published
     * (period {@code YYYY}; the facts carry the unit's annual result).
     */
    ANNUAL_COMMENDATION("年度通报表扬"),
    /**
     * Issue 16.5: the 年度通报 of the annual results, one document 主送 all units (period {@code YYYY}); unlike the monthly
     * bulletin it brings its table in its facts ({@code results}), so it is issued at once, never HELD.
     */
    ANNUAL_BULLETIN("年度通报"),
    /**
     * Issue 13.5 for a year: the 更正通报 of a republished year (period {@code YYYY}, facts.version ≥ 2 and facts.reason),
     * one document 主送 the 年度通报's addressees with the corrected table in its facts; issued at once like the 年度通报,
     * again for each corrected version.
     */
    ANNUAL_CORRECTION_BULLETIN("年度更正通报"),
    CRITICISM("通报批评"),
    INTERVIEW("约谈通知"),
    EDUCATION_REMINDER("教育提醒"),
    ADMONISHMENT_TALK("诫勉谈话通知"),
    STUDY_REMINDER("学习提醒"),
    RECTIFICATION_DUE("整改提醒"),
    RECTIFICATION_OVERDUE("逾期通报"),
    EARLY_WARNING("预警提醒"),
    /** Issue 16.2: to the secretary of a 后进支部 of the quarterly branch ranking (seed 004: 整顿后进支部). */
    BRANCH_RECTIFICATION("后进支部整顿通知"),
    /** Issued by this service when a notice is not acknowledged in time (督办通知). */
    ESCALATION("督办通知"),
    /** Issued by this service when a notice is withdrawn (撤回通知, issue 13.5), to the withdrawn notice's recipient. */
    NOTICE_WITHDRAWAL("撤回通知");

    private final String label;

    NoticeType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether other systems may request this type (ESCALATION and NOTICE_WITHDRAWAL are this service's own). */
    public boolean requestable() {
        return this != ESCALATION && this != NOTICE_WITHDRAWAL;
    }

    /** A county-wide bulletin: quotes the period's ranking table (waits HELD for it), 主送 all units. */
    public boolean bulletin() {
        return this == MONTHLY_BULLETIN || this == CORRECTION_BULLETIN;
    }

    /** A document 主送 all units, issued as one 文号 with a copy per addressee (recipient kind ALL_UNITS). */
    public boolean countyWide() {
        return bulletin() || this == ANNUAL_BULLETIN || this == ANNUAL_CORRECTION_BULLETIN;
    }

    /** A 更正通报 (of a month or a year): cites the corrected version (facts.version ≥ 2), issued again for each version. */
    public boolean correction() {
        return this == CORRECTION_BULLETIN || this == ANNUAL_CORRECTION_BULLETIN;
    }

    /** A notice of a year (period YYYY). */
    public boolean annual() {
        return this == ANNUAL_COMMENDATION || this == ANNUAL_BULLETIN || this == ANNUAL_CORRECTION_BULLETIN;
    }

    public static NoticeType parse(String value) {
        if (value == null) {
            return null;
        }
        for (NoticeType t : values()) {
            if (t.name().equals(value)) {
                return t;
            }
        }
        return null;
    }
}
