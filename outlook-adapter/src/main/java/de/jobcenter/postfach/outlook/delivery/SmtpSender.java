package de.jobcenter.postfach.outlook.delivery;

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

    public DeliveryOutcome send(String from, String to, String subject, String body, String messageId) {
        try {
            MimeMessage mail = new FixedIdMessage(session, messageId);
            mail.setFrom(new InternetAddress(from, true));
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            mail.setSubject(subject, "UTF-8");
            mail.setText(body, "UTF-8");
            mail.setSentDate(new Date());
            OutlookConfig.Smtp smtp = config.smtp();
            if (smtp.username().isPresent()) {
                Transport.send(mail, smtp.username().get(), smtp.password().orElse(""));
            } else {
                Transport.send(mail);
            }
            return DeliveryOutcome.delivered("SMTP accepted");
        } catch (SMTPAddressFailedException e) {
            return classify(e.getReturnCode(), "recipient refused");
        } catch (SMTPSendFailedException e) {
            return classify(e.getReturnCode(), "send refused");
        } catch (SendFailedException e) {
            return DeliveryOutcome.permanentFailure("recipient refused");
        } catch (MessagingException e) {
            return DeliveryOutcome.transientFailure(e.getClass().getSimpleName());
        }
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
