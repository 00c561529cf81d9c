package de.jobcenter.postfach.mailbox.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the API answers about messages. */
public final class MessageViews {
    private MessageViews() {}

    public record Summary(
            UUID messageId,
            UUID conversationId,
            Direction direction,
            String officeId,
            String concern,
            String subject,
            Instant at,
            boolean read,
            SentStatus status) {
        static Summary of(MailboxMessage m) {
            return new Summary(
                    m.messageId,
                    m.conversationId,
                    m.direction,
                    m.officeId,
                    m.concern,
                    m.subject,
                    m.createdAt,
                    m.isRead(),
                    m.status);
        }
    }

    public record Detail(
            UUID messageId,
            UUID conversationId,
            UUID inReplyTo,
            Direction direction,
            String officeId,
            String concern,
            String subject,
            String body,
            Instant at,
            boolean read,
            SentStatus status) {
        static Detail of(MailboxMessage m) {
            return new Detail(
                    m.messageId,
                    m.conversationId,
                    m.inReplyTo,
                    m.direction,
                    m.officeId,
                    m.concern,
                    m.subject,
                    m.body,
                    m.createdAt,
                    m.isRead(),
                    m.status);
        }
    }

    public record Page(List<Summary> items, int page, int size, long total) {}
}
