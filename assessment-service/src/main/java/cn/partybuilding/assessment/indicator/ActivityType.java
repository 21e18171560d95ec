package cn.partybuilding.assessment.indicator;

import java.util.EnumSet;
import java.util.Set;

/**
 * 学习活动: 周学/月谈/季讲/期考/年评, 三会一课 (支部党员大会, 支委会, 党小组会, 党课), 主题党日, and the organisation life the
 * seeds name (组织生活会, 谈心谈话, 民主评议党员, 理论中心组学习).
 */
public enum ActivityType {
    WEEKLY_STUDY, MONTHLY_DISCUSSION, QUARTERLY_LECTURE, EXAM, ANNUAL_REVIEW,
    BRANCH_ASSEMBLY, BRANCH_COMMITTEE, GROUP_MEETING, PARTY_LECTURE, THEME_DAY,
    ORGANISATION_LIFE_MEETING, HEART_TO_HEART_TALK, MEMBER_DEMOCRATIC_REVIEW, CENTRAL_GROUP_STUDY;

    /** The activities a branch holds as a meeting (recorded once, attendance becomes the completions). */
    public static final Set<ActivityType> MEETING_KINDS = EnumSet.of(BRANCH_ASSEMBLY, BRANCH_COMMITTEE, GROUP_MEETING, PARTY_LECTURE,
            THEME_DAY, ORGANISATION_LIFE_MEETING, HEART_TO_HEART_TALK, MEMBER_DEMOCRATIC_REVIEW, CENTRAL_GROUP_STUDY);

    public boolean isMeeting() {
        return MEETING_KINDS.contains(this);
    }
}
