package de.jobcenter.postfach.config.rules;

import de.jobcenter.postfach.contracts.Channel;

/**
 * Where a message goes that has no usable route of its concern (not offered, an online flow, unknown): the office's
 * E-AKTE (default) or an Outlook mailbox, never the service center.
 */
public record FallbackRoute(Channel channel, String outlookMailbox) {

    public FallbackRoute {
        outlookMailbox = MailboxAddress.normalise(outlookMailbox);
    }

    public static FallbackRoute eakte() {
        return new FallbackRoute(Channel.EAKTE, null);
    }

    public static FallbackRoute outlook(String mailbox) {
        return new FallbackRoute(Channel.OUTLOOK, mailbox);
    }
}
