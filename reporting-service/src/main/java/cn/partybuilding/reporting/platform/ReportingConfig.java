package cn.partybuilding.reporting.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of reporting-service's rules ({@code reporting.*}); defaults in application.properties. The consumer's settings
 * are the platform's ({@code eventing.consumers.ingest.*}), the CloudEvents source is {@code eventing.source}.
 */
@ConfigMapping(prefix = "reporting")
public interface ReportingConfig {
    Tiers tiers();

    Notices notices();

    Grades grades();

    Annual annual();

    Warning warning();

    Precompute precompute();

    Branches branches();

    /**
     * The CloudEvents source of assessment-service's events (its {@code eventing.source}). Its study records are never late
     * (it refuses them while their month is locked); another system's record received while its month is locked is.
     */
    @WithDefault("/assessment-service")
    String assessmentSource();

    interface Tiers {
        /** Share of the submitted units that are ADVANCED (rounded down). */
        @WithDefault("20")
        double advancedPercent();

        /** Share of the submitted units that are LAGGING (rounded up). */
        @WithDefault("10")
        double laggingPercent();
    }

    interface Notices {
        /** Days between an interview notice and its rectification deadline. */
        @WithDefault("30")
        int interviewDeadlineDays();

        /** Members whose monthly completion rate is below this get a STUDY_REMINDER (and an early warning). */
        @WithDefault("0.6")
        double studyReminderThreshold();
    }

    interface Grades {
        @WithDefault("90")
        double excellent();

        @WithDefault("80")
        double good();

        @WithDefault("60")
        double fair();
    }

    interface Annual {
        @WithDefault("0.7")
        double monthlyWeight();

        @WithDefault("0.3")
        double debriefWeight();

        /** How many units are named 党建工作优秀单位. */
        @WithDefault("3")
        int excellentUnits();
    }

    interface Warning {
        @WithDefault("true")
        boolean enabled();

        /** Day of the month on which the early-warning job runs for the running month. */
        @WithDefault("20")
        int dayOfMonth();

        /** When the job checks whether today is that day. */
        @WithDefault("0 0 8 * * ?")
        String cron();
    }

    /** Scorecards of the latest assessed month computed in the background once the ingest has gone quiet. */
    interface Precompute {
        @WithDefault("true")
        boolean enabled();

        /**
         * How often the job looks for changed facts; it runs once they did not change for one such interval (5 s: long
         * enough not to compete with the committee's own ranking and publication right after an import).
         */
        @WithDefault("5s")
        String every();
    }

    /**
     * The quarterly branch ranking (issue 16.2): the weights of its three figures (any positive numbers; a figure with
     * nothing to measure drops out), its tiers (same rule as the units'), and which meetings a branch must hold.
     */
    interface Branches {
        @WithDefault("40")
        double meetingWeight();

        @WithDefault("40")
        double studyWeight();

        @WithDefault("20")
        double examWeight();

        /** Share of the scored branches that are 先进支部 (rounded down). */
        @WithDefault("20")
        double advancedPercent();

        /** Share of the scored branches that are 后进支部 (rounded up). */
        @WithDefault("10")
        double laggingPercent();

        /** Meetings due every month (支委会, 党小组会, 主题党日): each month of the quarter is a slot. */
        @WithDefault("BRANCH_COMMITTEE,GROUP_MEETING,THEME_DAY")
        java.util.List<String> monthlyMeetings();

        /** Meetings due once a quarter (支部党员大会, 党课): the quarter is one slot. */
        @WithDefault("BRANCH_ASSEMBLY,PARTY_LECTURE")
        java.util.List<String> quarterlyMeetings();
    }
}
