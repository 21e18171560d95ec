package cn.partybuilding.notification.support;

import cn.partybuilding.local.SmtpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Starts the test SMTP server and webhook receiver before Quarkus and points the mailer and webhook at them. */
public class ChannelServersResource implements QuarkusTestResourceLifecycleManager {
    private static SmtpServer smtp;
    private static WebhookServer webhook;

    public static SmtpServer smtp() {
        return smtp;
    }

    public static WebhookServer webhook() {
        return webhook;
    }

    @Override
    public Map<String, String> start() {
        try {
            smtp = new SmtpServer();
            webhook = new WebhookServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(smtp.port()),
                "notification.webhook.url", webhook.url());
    }

    @Override
    public void stop() {
        try {
            if (smtp != null) {
                smtp.close();
            }
        } catch (IOException ignored) {
            // test shutdown
        }
        if (webhook != null) {
            webhook.close();
        }
    }
}
