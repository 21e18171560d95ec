package cn.partybuilding.assessment.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the assessment service ({@code assessment.*}). */
@ConfigMapping(prefix = "assessment")
public interface AssessmentConfig {
    Demo demo();

    Rectification rectification();

    ExternalStudy externalStudy();

    interface ExternalStudy {
        /** Absorb study events other systems publish on party.study.v1 into this service's study records. */
        @WithDefault("true")
        boolean enabled();

        /** Consumer group (its dead-letter topic is party.study.v1.<group>.dlt). */
        @WithDefault("assessment-service")
        String group();
    }

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
    }
}
