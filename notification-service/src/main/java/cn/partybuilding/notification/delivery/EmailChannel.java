package cn.partybuilding.notification.delivery;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Sends a notice as a plain-text e-mail over SMTP (quarkus-mailer); subject = the notice title. */
@ApplicationScoped
public class EmailChannel {
    @Inject
    Mailer mailer;

    public void send(Outgoing o) {
        Mail mail = Mail.withText(o.recipientEmail(), o.title(), o.document())
                .addHeader("X-Notice-Id", o.noticeId())
                .addHeader("X-Document-Number", o.documentNumber());
        mailer.send(mail);
    }
}
