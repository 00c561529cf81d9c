package de.jobcenter.postfach.mailbox.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the API answers about messages and conversations. Text is plain text; the API never returns HTML. */
public final class MessageViews {
    private MessageViews() {}

    /**
     * One line of a folder.
     *
     * @param read always true for a sent message; for a received one, whether the customer opened it
     * @param status a sent message's delivery status ({@code SUBMITTED → ROUTED → DELIVERED | FAILED}); null for
     *     a received one
     */
    public record Summary(
            UUID messageId,
            UUID conversationId,
            Direction direction,
            String officeId,
            String officeName,
            String concern,
            String subject,
            Instant at,
            boolean read,
            SentStatus status) {
        static Summary of(MailboxMessage m, String officeName) {
            return new Summary(
                    m.messageId,
                    m.conversationId,
                    m.direction,
                    m.officeId,
                    officeName,
                    m.concern,
                    m.subject,
                    m.createdAt,
                    m.isRead(),
                    m.status);
        }
    }

    /** The whole message. {@code inReplyTo}: the message this one answers, if any. */
    public record Detail(
            UUID messageId,
            UUID conversationId,
            UUID inReplyTo,
            Direction direction,
            String officeId,
            String officeName,
            String concern,
            String subject,
            String body,
            Instant at,
            boolean read,
            SentStatus status) {
        static Detail of(MailboxMessage m, String officeName) {
            return new Detail(
                    m.messageId,
                    m.conversationId,
                    m.inReplyTo,
                    m.direction,
                    m.officeId,
                    officeName,
                    m.concern,
                    m.subject,
                    m.body,
                    m.createdAt,
                    m.isRead(),
                    m.status);
        }
    }

    /** A page of a folder: {@code page} counts from 0; {@code total} is the number of messages in the folder. */
    public record Page(List<Summary> items, int page, int size, long total) {}

    /** How many received messages the customer has not opened yet. */
    public record UnreadCount(long unread) {}

    /** A conversation with one office about one concern: its messages the customer can see, oldest first. */
    public record Thread(
            UUID conversationId,
            String officeId,
            String officeName,
            String concern,
            Instant startedAt,
            List<Detail> messages) {}
}
