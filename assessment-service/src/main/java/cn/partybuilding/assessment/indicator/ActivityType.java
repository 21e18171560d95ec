package cn.partybuilding.assessment.indicator;

/** 学习活动: 周学/月谈/季讲/期考/年评, 三会一课, 主题党日. */
public enum ActivityType {
    WEEKLY_STUDY, MONTHLY_DISCUSSION, QUARTERLY_LECTURE, EXAM, ANNUAL_REVIEW,
    BRANCH_ASSEMBLY, BRANCH_COMMITTEE, GROUP_MEETING, PARTY_LECTURE, THEME_DAY
}
