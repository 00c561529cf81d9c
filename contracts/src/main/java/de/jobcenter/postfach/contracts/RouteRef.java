package de.jobcenter.postfach.contracts;

import static java.util.Objects.requireNonNull;

/**
 * Where a message goes to or came from: a channel of one office, plus the detail that channel needs
 * (the office's Outlook mailbox, or its service center). Never a personal address of a staff member.
 */
public record RouteRef(Channel channel, String officeId, String outlookMailbox, String serviceCenterId) {

    public RouteRef {
        requireNonNull(channel, "channel is required");
        requireNonNull(officeId, "officeId is required");
        if (channel == Channel.OUTLOOK && outlookMailbox == null) {
            throw new IllegalArgumentException("outlookMailbox is required for channel OUTLOOK");
        }
        if (channel == Channel.SERVICE_CENTER && serviceCenterId == null) {
            throw new IllegalArgumentException("serviceCenterId is required for channel SERVICE_CENTER");
        }
    }

    public static RouteRef eakte(String officeId) {
        return new RouteRef(Channel.EAKTE, officeId, null, null);
    }

    public static RouteRef outlook(String officeId, String mailbox) {
        return new RouteRef(Channel.OUTLOOK, officeId, mailbox, null);
    }

    public static RouteRef serviceCenter(String officeId, String serviceCenterId) {
        return new RouteRef(Channel.SERVICE_CENTER, officeId, null, serviceCenterId);
    }
}
