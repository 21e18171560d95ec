package cn.partybuilding.assessment.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the assessment service ({@code assessment.*}). Its consumer of other systems' study events is configured
 * like every platform consumer: {@code eventing.consumers.external-study.*}.
 */
@ConfigMapping(prefix = "assessment")
public interface AssessmentConfig {
    Demo demo();

    Rectification rectification();

    interface Demo {
        /** Load the demo county at startup when the registry is empty. */
        @WithDefault("false")
        boolean enabled();
    }

    interface Rectification {
        /** How often the OPEN → OVERDUE job runs (first run 10 s after start, so a restart catches up at once). */
        @WithDefault("1h")
        String statusEvery();

        /** Days from today when a finding arrives without a deadline. */
        @WithDefault("30")
        int defaultDeadlineDays();

        /** Working days before the deadline when the 整改提醒 is announced (rectification.due-soon), once per item. */
        @WithDefault("3")
        int remindWorkingDays();
    }
}
