package de.jobcenter.postfach.outlook.rejection;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.StaffMessageRejected;
import de.jobcenter.postfach.kit.consumer.ConsumerRetry;
import de.jobcenter.postfach.kit.consumer.ProcessingFailedException;
import de.jobcenter.postfach.kit.officeconfig.OfficeConfigReplica;
import de.jobcenter.postfach.outlook.config.OutlookConfig;
import de.jobcenter.postfach.outlook.inbound.InboundMailRepository;
import de.jobcenter.postfach.outlook.mail.SmtpSender;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.time.Clock;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Tells the office's mailbox, by mail, that mailbox-api could not file a staff message that came by Outlook
 * ({@code postfach.staff-messages.rejected} with route channel OUTLOOK; others are for the other adapters). Once
 * per message: a redelivered record finds the notice recorded. The recipient is the route's mailbox, and only if
 * it is still one the office configured.
 */
@ApplicationScoped
public class StaffMessageRejectedConsumer {
    private static final Logger LOG = Logger.getLogger(StaffMessageRejectedConsumer.class);

    @Inject
    OutlookConfig config;

    @Inject
    SmtpSender smtp;

    @Inject
    RejectionNoticeRepository notices;

    @Inject
    InboundMailRepository handled;

    @Inject
    OfficeConfigReplica offices;

    @Inject
    MeterRegistry meters;

    @Inject
    Clock clock;

    private final ConsumerRetry retry = ConsumerRetry.standard();

    @Incoming("staff-messages-rejected")
    @Blocking
    public void onRejected(byte[] value) {
        StaffMessageRejected rejected = EventJson.read(value, StaffMessageRejected.class);
        if (rejected.route().channel() != Channel.OUTLOOK) {
            return;
        }
        awaitReplica();
        retry.run("notice of rejected staff message " + rejected.messageId(), () -> notify(rejected));
    }

    /** Whether the mailbox is still configured can only be said once the replica is read (a few seconds at start). */
    private void awaitReplica() {
        while (!offices.isLoaded()) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProcessingFailedException("interrupted while waiting for the office configuration");
            }
        }
    }

    private void notify(StaffMessageRejected rejected) {
        if (notices.wasSent(rejected.messageId())) {
            return;
        }
        String mailbox = rejected.route().outlookMailbox();
        boolean configured = offices.find(rejected.officeId())
                .map(OfficeConfigurationActivated::outlookMailboxes)
                .map(mailboxes -> mailboxes.stream().anyMatch(m -> m.equalsIgnoreCase(mailbox)))
                .orElse(false);
        if (!configured) {
            LOG.warnf(
                    "Rejection of %s not mailed: the route's mailbox is not one office %s configured",
                    rejected.messageId(), rejected.officeId());
            meters.counter("postfach.outlook.rejections.unmailed").increment();
            return;
        }
        try {
            smtp.send(RejectionMail.mail(
                    config.serviceAddress(),
                    mailbox,
                    rejected,
                    handled.find(rejected.messageId()).orElse(null),
                    config.messageIdDomain(),
                    config.zone()));
        } catch (MessagingException e) {
            throw new NoticeNotSent(e);
        }
        notices.recordSent(rejected.messageId(), mailbox, clock.instant());
        meters.counter("postfach.outlook.mails.sent", "kind", "rejection").increment();
        LOG.infof(
                "Rejection of %s (%s) mailed to office %s",
                rejected.messageId(), rejected.reason(), rejected.officeId());
    }

    /** The SMTP server did not take the notice; a connection failure in its causes keeps it retrying in place. */
    static final class NoticeNotSent extends RuntimeException {
        NoticeNotSent(MessagingException cause) {
            super(SmtpSender.outcome(cause).detail(), cause, false, false);
        }
    }
}
