package de.jobcenter.postfach.outlook.delivery;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.kit.adapter.ChannelDelivery;
import de.jobcenter.postfach.kit.adapter.DeliveryOutcome;
import de.jobcenter.postfach.kit.officeconfig.OfficeConfigReplica;
import de.jobcenter.postfach.kit.problem.SafeThrowables;
import de.jobcenter.postfach.outlook.config.OutlookConfig;
import de.jobcenter.postfach.outlook.correlation.ReplyCorrelation;
import de.jobcenter.postfach.outlook.correlation.ReplyCorrelationRepository;
import de.jobcenter.postfach.outlook.correlation.ReplyTokens;
import de.jobcenter.postfach.outlook.mail.OutgoingMail;
import de.jobcenter.postfach.outlook.mail.SmtpSender;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * One attempt to mail a routed message to the office's configured Outlook mailbox. The correlation (token and
 * Message-ID to conversation, office and customer) is recorded before the mail goes out, so an answer can never
 * arrive for a mail the adapter does not know. The Message-ID is derived from the message id, so a redelivered
 * mail is recognisable as the same one; a message whose mail the server already accepted is not mailed again.
 */
@ApplicationScoped
public class OutlookDelivery implements ChannelDelivery {
    private static final Logger LOG = Logger.getLogger(OutlookDelivery.class);

    @Inject
    SmtpSender smtp;

    @Inject
    OutlookConfig config;

    @Inject
    ReplyTokens tokens;

    @Inject
    ReplyCorrelationRepository correlations;

    @Inject
    OfficeConfigReplica offices;

    @Inject
    MeterRegistry meters;

    @Inject
    Clock clock;

    @Override
    public Channel channel() {
        return Channel.OUTLOOK;
    }

    @Override
    public DeliveryOutcome attempt(MessageRouted message) {
        String mailbox = message.route().outlookMailbox();
        if (mailbox == null) {
            return DeliveryOutcome.permanentFailure("no Outlook mailbox in the route");
        }
        String token = tokens.token(message.conversationId(), message.officeId());
        String mailMessageId = OfficeMail.messageId(message, config.messageIdDomain());
        ReplyCorrelation recorded;
        try {
            recorded = correlations.recordIfAbsent(correlation(message, mailbox, token, mailMessageId));
        } catch (RuntimeException e) {
            return DeliveryOutcome.transientFailure("correlation not recorded: " + SafeThrowables.describe(e));
        }
        if (recorded.mailedAt != null) {
            // A redelivery after a crash between the server's acceptance and the offset commit.
            return DeliveryOutcome.delivered("already mailed");
        }
        OutgoingMail mail = new OutgoingMail(
                config.serviceAddress(),
                mailbox,
                OfficeMail.subject(message, token),
                OfficeMail.body(message, concernLabel(message), config.zone()),
                mailMessageId,
                false);
        DeliveryOutcome outcome = smtp.deliver(mail);
        if (outcome.kind() == DeliveryOutcome.Kind.DELIVERED) {
            meters.counter("postfach.outlook.mails.sent", "kind", "delivery").increment();
            try {
                correlations.markMailed(message.messageId(), clock.instant());
            } catch (RuntimeException e) {
                // The mail is out; at worst a redelivery mails it once more under the same Message-ID.
                LOG.warnf(
                        "Mail for %s sent but not marked as sent: %s", message.messageId(), SafeThrowables.describe(e));
            }
        }
        return outcome;
    }

    private ReplyCorrelation correlation(MessageRouted message, String mailbox, String token, String mailMessageId) {
        ReplyCorrelation row = new ReplyCorrelation();
        row.messageId = message.messageId();
        row.conversationId = message.conversationId();
        row.officeId = message.officeId();
        row.customerId = message.customerId();
        row.customerNumber = message.customerNumber();
        row.concern = message.concern();
        row.mailbox = mailbox;
        row.token = token;
        row.mailMessageId = mailMessageId;
        row.createdAt = clock.instant();
        return row;
    }

    private String concernLabel(MessageRouted message) {
        return offices.find(message.officeId())
                .flatMap(office -> office.concern(message.concern()))
                .map(OfficeConfigurationActivated.ConcernConfiguration::label)
                .orElse(message.concern());
    }
}
