package de.jobcenter.postfach.outlook.mail;

import de.jobcenter.postfach.kit.adapter.DeliveryOutcome;
import de.jobcenter.postfach.outlook.config.OutlookConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.jboss.logging.Logger;

/**
 * Sends one plain-text mail over SMTP (STARTTLS and login as configured) and says whether the server took it, may
 * take it later, or refused it for good. The Message-ID is the caller's, never one the library makes up.
 *
 * <p>Connections are reused: opening one costs a TCP connect, EHLO, the STARTTLS handshake and the login, far more
 * than the mail itself. Each send borrows an idle connection (checked with a NOOP first) or opens one, and hands it
 * back after the server accepted the mail; the routed-message consumer, the rejection consumer and the mailbox
 * poller send on threads of their own, so each gets a connection of its own while they overlap. A connection that
 * failed is closed, never handed back; one unused for {@code smtp.idle-timeout} is closed, as are all at shutdown.
 */
@ApplicationScoped
public class SmtpSender {
    private static final Logger LOG = Logger.getLogger(SmtpSender.class);

    /** More idle connections than callers that send at once (three) are never needed. */
    private static final int MAX_IDLE = 4;

    @Inject
    OutlookConfig config;

    private Session session;
    private final Deque<IdleConnection> idle = new ArrayDeque<>();
    private boolean closed;
    private ScheduledExecutorService idleCloser;

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
        long period = Math.max(100, smtp.idleTimeout().toMillis() / 3);
        idleCloser = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "smtp-idle-close");
            t.setDaemon(true);
            return t;
        });
        idleCloser.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void close() {
        List<IdleConnection> open;
        synchronized (idle) {
            closed = true;
            open = new ArrayList<>(idle);
            idle.clear();
        }
        idleCloser.shutdownNow();
        open.forEach(c -> closeQuietly(c.transport()));
    }

    /**
     * Sends the mail; returns once the server has accepted it. When a reused connection turns out to be lost
     * without the server having answered (closed, reset, end of stream), the mail is sent once more on a new
     * connection — what the caller's retry would do a backoff later. A reply of the server (4xx, 5xx, a refused
     * address) and any failure on a new connection are thrown as they are.
     */
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
        message.saveChanges();
        Transport reused = borrow();
        Transport transport = reused != null ? reused : connect();
        try {
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            closeQuietly(transport);
            if (reused == null || !connectionLost(e)) {
                throw e;
            }
            LOG.debugf(
                    "SMTP connection lost (%s); sending once more on a new connection",
                    e.getClass().getSimpleName());
            transport = connect();
            try {
                transport.sendMessage(message, message.getAllRecipients());
            } catch (MessagingException again) {
                closeQuietly(transport);
                throw again;
            }
        }
        giveBack(transport);
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

    /**
     * Whether the connection failed without the server answering: no SMTP reply in the chain (an I/O failure, or
     * end of stream where a reply was due, code -1) and no address the library refused.
     */
    static boolean connectionLost(MessagingException failure) {
        for (Exception e = failure; e != null; e = e instanceof MessagingException m ? m.getNextException() : null) {
            if (e instanceof SMTPAddressFailedException refused && refused.getReturnCode() >= 0) {
                return false;
            }
            if (e instanceof SMTPSendFailedException refused && refused.getReturnCode() >= 0) {
                return false;
            }
            if (e instanceof AddressException) {
                return false;
            }
            if (e instanceof SendFailedException && !(e instanceof SMTPSendFailedException)) {
                return false;
            }
        }
        return true;
    }

    private Transport connect() throws MessagingException {
        Transport transport = session.getTransport("smtp");
        OutlookConfig.Smtp smtp = config.smtp();
        if (smtp.username().isPresent()) {
            transport.connect(smtp.username().get(), smtp.password().orElse(""));
        } else {
            transport.connect();
        }
        return transport;
    }

    /** The most recently used idle connection that still answers a NOOP, or null. */
    private Transport borrow() {
        while (true) {
            IdleConnection candidate;
            synchronized (idle) {
                candidate = idle.pollFirst();
            }
            if (candidate == null) {
                return null;
            }
            // isConnected() sends a NOOP: a connection the server dropped (idle timeout, 421, restart) shows here.
            if (candidate.transport().isConnected()) {
                return candidate.transport();
            }
            closeQuietly(candidate.transport());
        }
    }

    private void giveBack(Transport transport) {
        synchronized (idle) {
            if (!closed && idle.size() < MAX_IDLE) {
                idle.addFirst(new IdleConnection(transport, System.nanoTime()));
                return;
            }
        }
        closeQuietly(transport);
    }

    private void closeIdle() {
        long limit = config.smtp().idleTimeout().toNanos();
        long now = System.nanoTime();
        List<IdleConnection> expired = new ArrayList<>();
        synchronized (idle) {
            idle.removeIf(c -> {
                boolean old = now - c.since() >= limit;
                if (old) {
                    expired.add(c);
                }
                return old;
            });
        }
        expired.forEach(c -> closeQuietly(c.transport()));
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            // Already broken: nothing to tell the server.
        }
    }

    /** A connection nobody is sending on, and since when (System.nanoTime()). */
    private record IdleConnection(Transport transport, long since) {}

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
