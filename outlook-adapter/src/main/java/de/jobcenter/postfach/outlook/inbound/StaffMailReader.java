package de.jobcenter.postfach.outlook.inbound;

import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.StoreClosedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a mail of the service mailbox into a {@link StaffMail}, judging what the mail itself gives away: header
 * injection (control characters in Subject or From, also RFC 2047-encoded ones; more than one From), attachments
 * (anything but the text), unreadable structure, size, automatic mails. Only a lost mailbox connection is an
 * error; everything wrong with the mail itself is a {@link Refusal}.
 */
public final class StaffMailReader {
    private static final Pattern MESSAGE_ID = Pattern.compile("<[\\x21-\\x3b\\x3d\\x3f-\\x7e]{1,250}>");
    /** Deliberately narrow: an address the adapter is willing to answer. */
    private static final Pattern ANSWERABLE = Pattern.compile("[a-z0-9._%+'-]{1,64}@[a-z0-9-]+(\\.[a-z0-9-]+)+");

    private final int maxBytes;
    private final String serviceAddress;

    public StaffMailReader(int maxBytes, String serviceAddress) {
        this.maxBytes = maxBytes;
        this.serviceAddress = serviceAddress.toLowerCase(Locale.ROOT);
    }

    /**
     * @throws MessagingException only when the mailbox connection was lost (read the mail again later)
     */
    public StaffMail read(MimeMessage mail) throws MessagingException {
        String sourceId = sourceId(mail);
        Sender sender;
        try {
            sender = sender(mail);
        } catch (MessagingException | RuntimeException e) {
            rethrowIfConnectionLost(mail, e);
            return refused(sourceId, null, Refusal.UNREADABLE);
        }
        try {
            return read(mail, sourceId, sender);
        } catch (MessagingException | IOException | RuntimeException e) {
            rethrowIfConnectionLost(mail, e);
            return refused(sourceId, sender.address(), Refusal.UNREADABLE);
        }
    }

    private StaffMail read(MimeMessage mail, String sourceId, Sender sender) throws MessagingException, IOException {
        boolean automatic = isAutomatic(mail, sender.address());
        Instant receivedAt =
                mail.getReceivedDate() != null ? mail.getReceivedDate().toInstant() : null;
        if (sender.problem() != null) {
            return new StaffMail(
                    sourceId, sender.address(), null, null, List.of(), receivedAt, automatic, sender.problem());
        }
        String[] subjects = mail.getHeader("Subject");
        if (subjects != null && subjects.length > 1) {
            return refused(sourceId, sender.address(), Refusal.HEADER_INJECTION, receivedAt, automatic);
        }
        String subject = subjects == null
                ? ""
                : MimeUtility.decodeText(MimeUtility.unfold(subjects[0])).replace('\t', ' ');
        if (hasControlCharacter(subject)) {
            return refused(sourceId, sender.address(), Refusal.HEADER_INJECTION, receivedAt, automatic);
        }
        if (mail.getSize() > maxBytes) {
            return refused(sourceId, sender.address(), Refusal.TOO_LARGE, receivedAt, automatic);
        }
        Texts texts = new Texts();
        collect(mail, texts);
        if (texts.attachment) {
            return refused(sourceId, sender.address(), Refusal.ATTACHMENT, receivedAt, automatic);
        }
        String text = !texts.plain.isEmpty()
                ? String.join("\n\n", texts.plain)
                : String.join(
                        "\n\n", texts.html.stream().map(MailText::fromHtml).toList());
        return new StaffMail(
                sourceId,
                sender.address(),
                subject.strip(),
                MailText.withoutQuotedHistory(text),
                references(mail),
                receivedAt,
                automatic,
                null);
    }

    /** The text parts, and whether there is anything else: an attached file, an inline image, an attached mail. */
    private static void collect(Part part, Texts texts) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, texts);
            }
            return;
        }
        boolean attached = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
        if (attached || !(part.isMimeType("text/plain") || part.isMimeType("text/html"))) {
            texts.attachment = true;
            return;
        }
        Object content = part.getContent();
        if (!(content instanceof String text)) {
            throw new IOException("text part without text");
        }
        (part.isMimeType("text/plain") ? texts.plain : texts.html).add(text);
    }

    private static final class Texts {
        final List<String> plain = new ArrayList<>();
        final List<String> html = new ArrayList<>();
        boolean attachment;
    }

    /** The sender and what is wrong with the From header, if anything. */
    private record Sender(String address, Refusal problem) {}

    private static Sender sender(MimeMessage mail) throws MessagingException {
        String[] froms = mail.getHeader("From");
        if (froms == null || froms.length == 0) {
            return new Sender(null, Refusal.UNREADABLE);
        }
        if (froms.length > 1) {
            return new Sender(null, Refusal.HEADER_INJECTION);
        }
        String raw = MimeUtility.unfold(froms[0]).replace('\t', ' ');
        InternetAddress[] addresses = InternetAddress.parseHeader(raw, true);
        if (addresses.length != 1) {
            return new Sender(null, Refusal.HEADER_INJECTION);
        }
        String address = addresses[0].getAddress() == null
                ? ""
                : addresses[0].getAddress().strip().toLowerCase(Locale.ROOT);
        String answerable = ANSWERABLE.matcher(address).matches() ? address : null;
        String personal = addresses[0].getPersonal() == null
                ? null
                : addresses[0].getPersonal().replace('\t', ' ');
        if (hasControlCharacter(raw) || hasControlCharacter(personal)) {
            return new Sender(answerable, Refusal.HEADER_INJECTION);
        }
        return new Sender(answerable, answerable == null ? Refusal.UNREADABLE : null);
    }

    private boolean isAutomatic(MimeMessage mail, String sender) throws MessagingException {
        String autoSubmitted = mail.getHeader("Auto-Submitted", null);
        if (autoSubmitted != null
                && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return true;
        }
        String precedence = mail.getHeader("Precedence", null);
        if (precedence != null
                && Set.of("bulk", "junk", "list", "auto_reply")
                        .contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (mail.getHeader("X-Autoreply") != null
                || mail.getHeader("X-Autorespond") != null
                || mail.isMimeType("multipart/report")) {
            return true;
        }
        if (sender == null) {
            return false;
        }
        String local = sender.substring(0, sender.indexOf('@'));
        return sender.equals(serviceAddress) || local.equals("mailer-daemon") || local.equals("postmaster");
    }

    /** In-Reply-To first, then References from the newest. Used only as database lookup values. */
    private static List<String> references(MimeMessage mail) throws MessagingException {
        Set<String> ids = new LinkedHashSet<>();
        ids.addAll(messageIds(mail.getHeader("In-Reply-To", " ")));
        List<String> references = messageIds(mail.getHeader("References", " "));
        for (int i = references.size() - 1; i >= 0; i--) {
            ids.add(references.get(i));
        }
        return List.copyOf(ids);
    }

    private static List<String> messageIds(String header) {
        List<String> ids = new ArrayList<>();
        if (header != null) {
            Matcher m = MESSAGE_ID.matcher(header);
            while (m.find() && ids.size() < 50) {
                ids.add(m.group());
            }
        }
        return ids;
    }

    /** From the Message-ID when the mail has a usable one, else from the whole mail. */
    private static String sourceId(MimeMessage mail) throws MessagingException {
        String[] ids = mail.getHeader("Message-ID");
        if (ids != null && ids.length == 1) {
            String id = ids[0].strip();
            if (MESSAGE_ID.matcher(id).matches()) {
                return "mail-" + sha256(id.getBytes(StandardCharsets.US_ASCII));
            }
        }
        MessageDigest digest = sha256();
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            mail.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("mail could not be read", e);
        }
        return "raw-" + HexFormat.of().formatHex(digest.digest());
    }

    private static void rethrowIfConnectionLost(MimeMessage mail, Exception e) throws MessagingException {
        Folder folder = mail.getFolder();
        boolean lost = e instanceof FolderClosedException
                || e instanceof StoreClosedException
                || e instanceof MessageRemovedException
                || (folder != null && !folder.isOpen());
        if (lost) {
            throw e instanceof MessagingException m ? m : new MessagingException("mailbox connection lost", e);
        }
    }

    private static boolean hasControlCharacter(String text) {
        return text != null && text.chars().anyMatch(Character::isISOControl);
    }

    private static StaffMail refused(String sourceId, String sender, Refusal refusal) {
        return new StaffMail(sourceId, sender, null, null, List.of(), null, false, refusal);
    }

    private static StaffMail refused(
            String sourceId, String sender, Refusal refusal, Instant receivedAt, boolean automatic) {
        return new StaffMail(sourceId, sender, null, null, List.of(), receivedAt, automatic, refusal);
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must support SHA-256", e);
        }
    }
}
