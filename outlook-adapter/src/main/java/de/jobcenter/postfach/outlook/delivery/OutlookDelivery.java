package de.jobcenter.postfach.outlook.delivery;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.kit.adapter.ChannelDelivery;
import de.jobcenter.postfach.kit.adapter.DeliveryOutcome;
import de.jobcenter.postfach.outlook.config.OutlookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * One attempt to mail a routed message to the office's configured Outlook mailbox. The Message-ID is derived
 * from the message id, so a redelivered mail is recognisable as the same one.
 */
@ApplicationScoped
public class OutlookDelivery implements ChannelDelivery {
    @Inject
    SmtpSender smtp;

    @Inject
    OutlookConfig config;

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
        return smtp.send(
                config.serviceAddress(),
                mailbox,
                OfficeMail.subject(message),
                OfficeMail.body(message),
                OfficeMail.messageId(message, config.messageIdDomain()));
    }
}
