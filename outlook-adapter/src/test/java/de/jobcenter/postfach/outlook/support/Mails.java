package de.jobcenter.postfach.outlook.support;

import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.Uuids;
import de.jobcenter.postfach.outlook.OutlookTestResources;
import de.jobcenter.postfach.testing.GreenMailResource;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/** What the mailboxes on GreenMail hold, read as a person would: by IMAP, or what arrived for an address. */
public final class Mails {
    public static final String PROCESSED = "Verarbeitet";
    public static final String REVIEW = "Pruefung";

    private Mails() {}

    /** Every mail in the inbox of the address (GreenMail's store; the address compared without case). */
    public static List<MimeMessage> receivedBy(String address) {
        return GreenMailResource.greenMail()
                .findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), mail -> true)
                .toList();
    }

    /** The mails in the address's inbox with that Message-ID. */
    public static List<MimeMessage> receivedBy(String address, String messageId) {
        return receivedBy(address).stream()
                .filter(m -> messageId.equals(messageId(m)))
                .toList();
    }

    /** Waits for the one mail with that Message-ID in the address's inbox. */
    public static MimeMessage awaitReceived(String address, String messageId) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> receivedBy(address, messageId), list -> !list.isEmpty())
                .get(0);
    }

    public static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(MimeMessage mail) {
        try {
            return mail.getContent().toString().replace("\r\n", "\n");
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Message-IDs in a folder of the service mailbox, read by IMAP. */
    public static List<String> inServiceFolder(String folder) {
        try (Store store = serviceMailbox()) {
            Folder f = store.getFolder(folder);
            if (!f.exists()) {
                return List.of();
            }
            f.open(Folder.READ_ONLY);
            List<String> ids = new ArrayList<>();
            for (Message m : f.getMessages()) {
                ids.add(((MimeMessage) m).getMessageID());
            }
            f.close(false);
            return ids;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the mail is in the folder of the service mailbox, and no longer in its inbox. */
    public static void awaitMovedTo(String folder, String messageId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> inServiceFolder(folder).contains(messageId));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !inServiceFolder("INBOX").contains(messageId));
    }

    /** Copies a mail back into the service mailbox's inbox, as if it had never been moved. */
    public static void copyBackToInbox(String folder, String messageId) {
        try (Store store = serviceMailbox()) {
            Folder from = store.getFolder(folder);
            from.open(Folder.READ_ONLY);
            for (Message m : from.getMessages()) {
                if (messageId.equals(((MimeMessage) m).getMessageID())) {
                    from.copyMessages(new Message[] {m}, store.getFolder("INBOX"));
                    break;
                }
            }
            from.close(false);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The staff message id of a mail, as documented: UUIDv5 of OUTLOOK and the SHA-256 of its Message-ID. */
    public static UUID staffMessageId(String mailMessageId) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(mailMessageId.getBytes(StandardCharsets.US_ASCII));
            return Uuids.staffMessageId(
                    Channel.OUTLOOK, "mail-" + HexFormat.of().formatHex(hash));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Store serviceMailbox() throws MessagingException {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "10000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect(
                "127.0.0.1",
                GreenMailResource.greenMail().getImap().getPort(),
                OutlookTestResources.SERVICE_ADDRESS,
                OutlookTestResources.imapPassword());
        return store;
    }
}
