package de.jobcenter.postfach.outlook.mail;

import de.jobcenter.postfach.kit.adapter.DeliveryOutcome;
import de.jobcenter.postfach.outlook.config.OutlookConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends one plain-text mail over SMTP (STARTTLS and login as configured) and says whether the server took it, may
 * take it later, or refused it for good. The Message-ID is the caller's, never one the library makes up.
 */
@ApplicationScoped
public class SmtpSender {
    @Inject
    OutlookConfig config;

    private Session session;

    @PostConstruct
    void init() {
        OutlookConfig.Smtp smtp = config.smtp();
        Properties props = new Properties();
        props.put("mail.smtp.host", smtp.host());
        props.put("mail.smtp.port", String.valueOf(smtp.port()));
        props.put("mail.smtp.starttls.enable", String.valueOf(smtp.startTls() != OutlookConfig.StartTls.DISABLED));
        props.put("mail.smtp.starttls.required", String.valueOf(smtp.startTls() == OutlookConfig.StartTls.REQUIRED));
        props.put("mail.smtp.auth", String.valueOf(smtp.username().isPresent()));
        String timeout = String.valueOf(smtp.timeout().toMillis());
        props.put("mail.smtp.connectiontimeout", timeout);
        props.put("mail.smtp.timeout", timeout);
        props.put("mail.smtp.writetimeout", timeout);
        props.put("mail.mime.charset", "UTF-8");
        session = Session.getInstance(props);
    }

    /** Sends the mail; returns once the server has accepted it. */
    public void send(OutgoingMail mail) throws MessagingException {
        MimeMessage message = new FixedIdMessage(session, mail.messageId());
        message.setFrom(new InternetAddress(mail.from(), true));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        message.setSubject(mail.subject(), "UTF-8");
        message.setText(mail.body(), "UTF-8");
        message.setSentDate(new Date());
        // Asks Exchange not to answer with out-of-office notes or read receipts: they would come back to the
        // service mailbox, and an automatic answer must never pass for a staff answer.
        message.setHeader("X-Auto-Response-Suppress", "All");
        if (mail.automatic()) {
            message.setHeader("Auto-Submitted", "auto-replied");
        }
        OutlookConfig.Smtp smtp = config.smtp();
        if (smtp.username().isPresent()) {
            Transport.send(message, smtp.username().get(), smtp.password().orElse(""));
        } else {
            Transport.send(message);
        }
    }

    /** Sends the mail and says what came of it, for the delivery loop. */
    public DeliveryOutcome deliver(OutgoingMail mail) {
        try {
            send(mail);
            return DeliveryOutcome.delivered("SMTP accepted");
        } catch (MessagingException e) {
            return outcome(e);
        }
    }

    /**
     * What a failed send means: a refusal with a 5xx reply or an unusable address is permanent; a 4xx reply, a
     * connection failure or a timeout is transient. The detail names codes and classes only.
     */
    public static DeliveryOutcome outcome(MessagingException failure) {
        for (Exception e = failure; e != null; e = e instanceof MessagingException m ? m.getNextException() : null) {
            if (e instanceof SMTPAddressFailedException refused) {
                return classify(refused.getReturnCode(), "recipient refused");
            }
            if (e instanceof SMTPSendFailedException refused) {
                return classify(refused.getReturnCode(), "send refused");
            }
            if (e instanceof AddressException) {
                return DeliveryOutcome.permanentFailure("invalid address");
            }
        }
        if (failure instanceof SendFailedException) {
            return DeliveryOutcome.permanentFailure("recipient refused");
        }
        return DeliveryOutcome.transientFailure(failure.getClass().getSimpleName());
    }

    private static DeliveryOutcome classify(int smtpCode, String what) {
        String detail = what + " (SMTP " + smtpCode + ")";
        return smtpCode >= 500 ? DeliveryOutcome.permanentFailure(detail) : DeliveryOutcome.transientFailure(detail);
    }

    /** A message whose Message-ID is fixed in advance, so a resent mail carries the same one. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
