package de.jobcenter.postfach.outlook.inbound;

import de.jobcenter.postfach.outlook.config.OutlookConfig;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * One IMAP session with the service mailbox: the inbox open for writing, the processed and review folders
 * (created when missing), waiting for new mail with IDLE where the server offers it, and moving a mail with MOVE
 * (or copy, delete and expunge where MOVE is missing).
 */
final class ImapMailbox implements AutoCloseable {
    private final IMAPStore store;
    private final IMAPFolder inbox;
    private final Folder processed;
    private final Folder review;
    private final boolean useIdle;

    private ImapMailbox(IMAPStore store, IMAPFolder inbox, Folder processed, Folder review, boolean useIdle) {
        this.store = store;
        this.inbox = inbox;
        this.processed = processed;
        this.review = review;
        this.useIdle = useIdle;
    }

    static ImapMailbox open(OutlookConfig.Imap config, String username, String password) throws MessagingException {
        String protocol = config.security() == OutlookConfig.ImapSecurity.SSL ? "imaps" : "imap";
        String prefix = "mail." + protocol + ".";
        String timeout = String.valueOf(config.timeout().toMillis());
        Properties props = new Properties();
        props.put(prefix + "host", config.host());
        props.put(prefix + "port", String.valueOf(config.port()));
        props.put(prefix + "connectiontimeout", timeout);
        props.put(prefix + "timeout", timeout);
        if (config.security() == OutlookConfig.ImapSecurity.STARTTLS) {
            props.put(prefix + "starttls.enable", "true");
            props.put(prefix + "starttls.required", "true");
        }
        if (config.security() != OutlookConfig.ImapSecurity.NONE) {
            props.put(prefix + "ssl.checkserveridentity", "true");
        }
        // The mails are read once and moved on: no need to keep their content in memory.
        props.put(prefix + "partialfetch", "true");
        Session session = Session.getInstance(props);
        IMAPStore store = (IMAPStore) session.getStore(protocol);
        store.connect(config.host(), config.port(), username, password);
        try {
            IMAPFolder inbox = (IMAPFolder) store.getFolder(config.inbox());
            inbox.open(Folder.READ_WRITE);
            Folder processed = existing(store, config.processedFolder());
            Folder review = existing(store, config.reviewFolder());
            return new ImapMailbox(store, inbox, processed, review, config.idle() && store.hasCapability("IDLE"));
        } catch (MessagingException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static Folder existing(IMAPStore store, String name) throws MessagingException {
        Folder folder = store.getFolder(name);
        if (!folder.exists() && !folder.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("folder could not be created");
        }
        return folder;
    }

    /** The mails waiting in the inbox, oldest first. */
    List<MimeMessage> waiting() throws MessagingException {
        Message[] messages = inbox.getMessages();
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(FetchProfile.Item.SIZE);
        profile.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
        inbox.fetch(messages, profile);
        List<MimeMessage> waiting = new ArrayList<>();
        for (Message message : messages) {
            if (!message.isExpunged() && !message.isSet(Flags.Flag.DELETED)) {
                waiting.add((MimeMessage) message);
            }
        }
        return waiting;
    }

    void moveToProcessed(MimeMessage mail) throws MessagingException {
        move(mail, processed);
    }

    void moveToReview(MimeMessage mail) throws MessagingException {
        move(mail, review);
    }

    private void move(MimeMessage mail, Folder target) throws MessagingException {
        Message[] one = {mail};
        if (store.hasCapability("MOVE")) {
            inbox.moveMessages(one, target);
        } else {
            inbox.copyMessages(one, target);
            inbox.setFlags(one, new Flags(Flags.Flag.DELETED), true);
            if (store.hasCapability("UIDPLUS")) {
                inbox.expunge(one);
            } else {
                inbox.expunge();
            }
        }
    }

    /**
     * Returns when new mail may have arrived: when IDLE reports a change, and at the latest after {@code longest}
     * (IDLE is then ended with a NOOP from {@code timer}), which also catches a mail that arrived just before IDLE
     * began. Without IDLE, it waits {@code longest} and asks the server with a NOOP.
     */
    void awaitNewMail(Duration longest, ScheduledExecutorService timer, Sleeper sleeper)
            throws MessagingException, InterruptedException {
        if (useIdle) {
            ScheduledFuture<?> wake = timer.schedule(this::noop, longest.toMillis(), TimeUnit.MILLISECONDS);
            try {
                inbox.idle(true);
            } finally {
                wake.cancel(false);
            }
        } else {
            sleeper.sleep(longest);
            noop();
        }
    }

    /** Ends a running IDLE (from another thread), e.g. on shutdown. */
    void wake() {
        noop();
    }

    private void noop() {
        try {
            inbox.doCommand(protocol -> {
                protocol.simpleCommand("NOOP", null);
                return null;
            });
        } catch (MessagingException | RuntimeException e) {
            // The next command of the poller finds out what is wrong.
        }
    }

    boolean usesIdle() {
        return useIdle;
    }

    @Override
    public void close() {
        try {
            if (inbox.isOpen()) {
                inbox.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            // Closing the store below ends the session anyway.
        }
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            // Nothing left to do.
        }
    }

    /** Waits, and can be woken early (on shutdown). */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }
}
