package de.jobcenter.postfach.outlook.support;

import de.jobcenter.postfach.outlook.OutlookTestResources;
import de.jobcenter.postfach.testing.GreenMailResource;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Test data: a mail a staff member (or anybody) sends to the service address, over GreenMail's real SMTP port.
 * Raw headers can be set as they are, for the hostile cases.
 */
public final class StaffMail {
    private final List<String> from = new ArrayList<>();
    private String subject = "Eine Nachricht";
    private String rawSubject;
    private String text;
    private String html;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<MimeBodyPart> attachments = new ArrayList<>();
    private final String messageId = "<" + UUID.randomUUID() + "@exchange.test.jobcenter-ge.de>";

    private StaffMail(String from) {
        this.from.add(from);
    }

    public static StaffMail from(String from) {
        return new StaffMail(from);
    }

    /** A second From header. */
    public StaffMail alsoFrom(String from) {
        this.from.add(from);
        return this;
    }

    public StaffMail subject(String subject) {
        this.subject = subject;
        return this;
    }

    /** The Subject header exactly as given (e.g. RFC 2047-encoded control characters). */
    public StaffMail rawSubject(String rawSubject) {
        this.rawSubject = rawSubject;
        return this;
    }

    public StaffMail text(String text) {
        this.text = text;
        return this;
    }

    public StaffMail html(String html) {
        this.html = html;
        return this;
    }

    /** Answers the mail: In-Reply-To and References as Outlook sets them. */
    public StaffMail answering(MimeMessage original) {
        try {
            MimeMessage reply = (MimeMessage) original.reply(false);
            headers.put("In-Reply-To", reply.getHeader("In-Reply-To", null));
            headers.put("References", reply.getHeader("References", " "));
            return this;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public StaffMail header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public StaffMail attachment(String fileName, String contentType, byte[] content) {
        try {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, contentType)));
            part.setFileName(fileName);
            part.setDisposition(MimeBodyPart.ATTACHMENT);
            attachments.add(part);
            return this;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String messageId() {
        return messageId;
    }

    /** Sends the mail to the service address; returns its Message-ID. */
    public String send() {
        try {
            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put(
                    "mail.smtp.port",
                    String.valueOf(GreenMailResource.greenMail().getSmtp().getPort()));
            Session session = Session.getInstance(props);
            MimeMessage mail = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            for (int i = 0; i < from.size(); i++) {
                if (i == 0) {
                    mail.setHeader("From", from.get(i));
                } else {
                    mail.addHeader("From", from.get(i));
                }
            }
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress(OutlookTestResources.SERVICE_ADDRESS));
            if (rawSubject != null) {
                mail.setHeader("Subject", rawSubject);
            } else {
                mail.setSubject(subject, "UTF-8");
            }
            setContent(mail);
            for (Map.Entry<String, String> header : headers.entrySet()) {
                mail.setHeader(header.getKey(), header.getValue());
            }
            mail.saveChanges();
            Transport.send(mail, new InternetAddress[] {new InternetAddress(OutlookTestResources.SERVICE_ADDRESS)});
            return messageId;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void setContent(MimeMessage mail) throws MessagingException {
        if (attachments.isEmpty()) {
            setText(mail);
            return;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart textPart = new MimeBodyPart();
        setText(textPart);
        mixed.addBodyPart(textPart);
        for (MimeBodyPart attachment : attachments) {
            mixed.addBodyPart(attachment);
        }
        mail.setContent(mixed);
    }

    private void setText(jakarta.mail.internet.MimePart part) throws MessagingException {
        if (text != null && html != null) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8");
            MimeBodyPart rich = new MimeBodyPart();
            rich.setText(html, "UTF-8", "html");
            alternative.addBodyPart(plain);
            alternative.addBodyPart(rich);
            part.setContent(alternative);
        } else if (html != null) {
            part.setText(html, "UTF-8", "html");
        } else {
            part.setText(text != null ? text : "", "UTF-8");
        }
    }
}
