package cn.partybuilding.reporting.scoring;

/** Holder for the small enums of the indicator system (one file keeps them together). */
public final class Enums {
    private Enums() {
    }

    public enum ActivityType { WEEKLY_STUDY, MONTHLY_DISCUSSION, QUARTERLY_LECTURE, EXAM, ANNUAL_REVIEW, BRANCH_ASSEMBLY, BRANCH_COMMITTEE, GROUP_MEETING, PARTY_LECTURE, THEME_DAY,
        ORGANISATION_LIFE_MEETING, HEART_TO_HEART_TALK, MEMBER_DEMOCRATIC_REVIEW, CENTRAL_GROUP_STUDY }

    public enum Frequency { WEEKLY, MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY }

    public enum Attendees { ALL_MEMBERS, COMMITTEE_MEMBERS, DEPUTY_DIVISION_OR_ABOVE }

    public enum IndicatorKind { MANUAL, STUDY_RATE, EXAM_PASS_RATE, PLATFORM_POINTS, RESPONSIBILITY_LIST }

    public enum MemberRank { DEPUTY_DIVISION_OR_ABOVE, SECTION_OR_BELOW, OTHER }

    public enum MemberRole { SECRETARY, PRINCIPAL_LEADER, COMMITTEE_MEMBER, MEMBER }

    public enum OrganizationKind { ORGANS_COMMITTEE, GENERAL_BRANCH, BRANCH, GROUP }

    public enum Tier { ADVANCED, MIDDLE, LAGGING }

    public enum Status { SUBMITTED, NOT_SUBMITTED }

    public enum QuarterlyGrade {
        EXCELLENT("好"), GOOD("较好"), FAIR("一般"), POOR("差");

        private final String label;

        QuarterlyGrade(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
