package de.jobcenter.postfach.notification;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import de.jobcenter.postfach.testing.GreenMailResource;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The mails GreenMail received, read as the customer's mail client would. */
public final class Mails {
    private Mails() {}

    /** Every mail received for the address so far. */
    public static List<MimeMessage> to(String address) {
        return Arrays.stream(GreenMailResource.greenMail().getReceivedMessages())
                .filter(m -> recipients(m).contains(address))
                .toList();
    }

    /** Waits until at least {@code count} mails for the address have arrived, and returns all of them. */
    public static List<MimeMessage> awaitMails(String address, int count) {
        await().atMost(Fixtures.PATIENCE).until(() -> to(address).size() >= count);
        return to(address);
    }

    public static int total() {
        return GreenMailResource.greenMail().getReceivedMessages().length;
    }

    /** The text part, decoded. */
    public static String plainText(MimeMessage mail) {
        return part(mail, "text/plain");
    }

    /** The HTML part, decoded. */
    public static String html(MimeMessage mail) {
        return part(mail, "text/html");
    }

    /**
     * Everything a reader could see: the raw message as transferred, every header decoded (RFC 2047), and every
     * part decoded (quoted-printable, base64), so that nothing hides behind an encoding.
     */
    public static String everything(MimeMessage mail) {
        try {
            StringBuilder all = new StringBuilder(GreenMailUtil.getWholeMessage(mail)).append('\n');
            for (Header header : Collections.list(mail.getAllHeaders())) {
                all.append(header.getName())
                        .append(": ")
                        .append(MimeUtility.decodeText(header.getValue()))
                        .append('\n');
            }
            appendParts(mail, all);
            return all.toString();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void appendParts(Part part, StringBuilder all) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                for (Header header : Collections.list(child.getAllHeaders())) {
                    all.append(header.getName())
                            .append(": ")
                            .append(header.getValue())
                            .append('\n');
                }
                appendParts(child, all);
            }
        } else {
            all.append(content).append('\n');
        }
    }

    private static String part(MimeMessage mail, String type) {
        try {
            Object content = mail.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    if (child.isMimeType(type)) {
                        return child.getContent().toString();
                    }
                }
            }
            throw new AssertionError("the mail has no " + type + " part");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> recipients(MimeMessage mail) {
        try {
            var to = mail.getRecipients(Message.RecipientType.TO);
            return to == null
                    ? List.of()
                    : Arrays.stream(to).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
