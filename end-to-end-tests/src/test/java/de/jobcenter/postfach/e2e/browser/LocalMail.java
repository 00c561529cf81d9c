package de.jobcenter.postfach.e2e.browser;

import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.testing.LocalInfrastructure;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * The local stack's mail server (GreenMail) as a mail client sees it: mailboxes read over IMAP (port
 * {@value LocalInfrastructure#IMAP_PORT}), mails sent over SMTP (port {@value LocalInfrastructure#SMTP_PORT}).
 */
final class LocalMail {
    private static final Session SESSION = session();

    private LocalMail() {}

    private static Session session() {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(LocalInfrastructure.SMTP_PORT));
        props.put("mail.imap.host", "127.0.0.1");
        props.put("mail.imap.port", String.valueOf(LocalInfrastructure.IMAP_PORT));
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "10000");
        return Session.getInstance(props);
    }

    /** Waits until the mailbox's inbox holds a mail that matches; returns a detached copy of it. */
    static MimeMessage awaitMail(
            String user, String password, String what, Predicate<MimeMessage> matches, Duration timeout) {
        return await().alias(what + " in the inbox of " + user)
                .atMost(timeout)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> inbox(user, password).stream().filter(matches).findFirst(), found -> found.isPresent())
                .orElseThrow();
    }

    /**
     * Every mail in the inbox, copied out of the IMAP connection. A mailbox GreenMail has not created yet (nothing
     * arrived so far) is an empty inbox.
     */
    static List<MimeMessage> inbox(String user, String password) throws MessagingException {
        Store store = SESSION.getStore("imap");
        try {
            store.connect(user, password);
        } catch (AuthenticationFailedException notThereYet) {
            return List.of();
        }
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<MimeMessage> mails = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    mails.add(new MimeMessage((MimeMessage) message));
                }
                return mails;
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    /** Sends over the local SMTP port, as the offices' mail system would. */
    static void send(MimeMessage mail) throws MessagingException {
        Transport.send(mail);
    }

    static MimeMessage newMail() {
        return new MimeMessage(SESSION);
    }

    /** The whole mail as it lies on the server: every header and every part, transfer-encoded. */
    static String raw(MimeMessage mail) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mail.writeTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every header, decoded, one per line. */
    static String headers(MimeMessage mail) {
        try {
            StringBuilder text = new StringBuilder();
            Enumeration<jakarta.mail.Header> headers = mail.getAllHeaders();
            while (headers.hasMoreElements()) {
                jakarta.mail.Header header = headers.nextElement();
                text.append(header.getName())
                        .append(": ")
                        .append(jakarta.mail.internet.MimeUtility.decodeText(header.getValue()))
                        .append('\n');
            }
            return text.toString();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decoded HTML part of a mail (the first {@code text/html} part), or an empty string when it has none. */
    static String html(Part part) {
        try {
            if (part.isMimeType("text/html")) {
                return String.valueOf(part.getContent());
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    String html = html(multipart.getBodyPart(i));
                    if (!html.isEmpty()) {
                        return html;
                    }
                }
            }
            return "";
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decoded text of every text part (plain and HTML), one after the other. */
    static String text(Part part) {
        try {
            if (part.isMimeType("text/*")) {
                return String.valueOf(part.getContent());
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    text.append(text(multipart.getBodyPart(i))).append('\n');
                }
                return text.toString();
            }
            return "";
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
