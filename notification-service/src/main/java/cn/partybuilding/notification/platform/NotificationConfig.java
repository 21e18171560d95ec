package cn.partybuilding.notification.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Everything configurable about notices ({@code notification.*}); defaults in application.properties. The consumer's
 * settings are the platform's ({@code eventing.consumers.intake.*}); the clock (and so the zone of issue dates and
 * working days) is the platform's Asia/Shanghai clock.
 */
@ConfigMapping(prefix = "notification")
public interface NotificationConfig {
    /** Issuing body printed under every notice (落款). */
    String issuer();

    /** Document number prefix: {@code <prefix>〔year〕N号}. */
    String documentPrefix();

    /** Rectification deadline of an INTERVIEW notice when the request carries none (calendar days after issue). */
    @WithDefault("30")
    int interviewDeadlineDays();

    Escalation escalation();

    Delivery delivery();

    Webhook webhook();

    interface Escalation {
        /** Working days a recipient has to acknowledge before the notice escalates. */
        @WithDefault("3")
        int workingDays();

        /** Mailbox of the committee office (工委办公室); escalations that reach the committee are e-mailed there. */
        Optional<String> committeeEmail();

        /** How often the escalation job runs (a duration such as 1h, or "off"). */
        @WithDefault("1h")
        String checkEvery();
    }

    interface Delivery {
        /** How often due deliveries (first attempts and retries) are sent. */
        @WithDefault("5s")
        String every();

        @WithDefault("true")
        boolean emailEnabled();

        @WithDefault("100")
        int batchSize();

        /**
         * How long a delivery keeps being retried after it was scheduled (issued or resent); after that it is FAILED
         * with its last error until the committee resends it.
         */
        @WithDefault("P3D")
        Duration giveUpAfter();

        @WithDefault("30s")
        Duration initialBackoff();

        /** Cap of the doubling interval between two attempts. */
        @WithDefault("1h")
        Duration maxBackoff();

        /** How many deliveries of a pass are sent at the same time. */
        @WithDefault("4")
        int parallelism();

        /** How long a claimed delivery is reserved for the instance sending it (retried after that if it crashed). */
        @WithDefault("10m")
        Duration claimLease();
    }

    interface Webhook {
        /** Where notices are POSTed; unset = no webhook channel. */
        Optional<String> url();

        @WithDefault("10s")
        Duration timeout();
    }
}
