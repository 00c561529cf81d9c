package de.jobcenter.postfach.notification.infomail;

import de.jobcenter.postfach.contracts.MailboxMessageArrived;
import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.contracts.Uuids;
import de.jobcenter.postfach.notification.config.NotificationConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Turns a mailbox event into the info e-mail: German, plain text and HTML from the templates in
 * {@code templates/info-mail/}. It says only that there is a new message and who sent it in the most general terms
 * ("Ihr Jobcenter" or "Ihre Agentur für Arbeit"), and links to the portal's mailbox. The office id and the message
 * id never reach the mail; the Message-ID is derived from the message id one way.
 */
@ApplicationScoped
public class InfoMailMapper {
    public static final String SUBJECT = "Neue Nachricht in Ihrem Postfach";

    @Inject
    NotificationConfig config;

    @CheckedTemplate(basePath = "info-mail")
    static class Templates {
        public static native TemplateInstance text(String office, String mailboxUrl);

        public static native TemplateInstance html(String title, String office, String mailboxUrl);
    }

    public Mail toMail(MailboxMessageArrived event, String email) {
        String office = office(event.officeType());
        return new Mail()
                .setFrom(config.sender())
                .addTo(email)
                .setSubject(SUBJECT)
                .setText(Templates.text(office, config.mailboxUrl()).render())
                .setHtml(Templates.html(SUBJECT, office, config.mailboxUrl()).render())
                .addHeader("Message-ID", messageId(event.messageId()))
                // RFC 3834: no vacation or out-of-office answers to this address
                .addHeader("Auto-Submitted", "auto-generated");
    }

    /** The sender, as the customer knows it: never the office's name. */
    public static String office(OfficeType type) {
        return switch (type) {
            case JOBCENTER -> "Ihr Jobcenter";
            case EMPLOYMENT_AGENCY -> "Ihre Agentur für Arbeit";
        };
    }

    /** Stable for a message, so a mail sent again after a crash is recognisable, and not the message id itself. */
    String messageId(UUID messageId) {
        return "<" + Uuids.v5(Uuids.NAMESPACE, "info-mail:" + messageId) + "@" + config.messageIdDomain() + ">";
    }
}
