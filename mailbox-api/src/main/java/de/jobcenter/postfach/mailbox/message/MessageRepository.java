package de.jobcenter.postfach.mailbox.message;

import de.jobcenter.postfach.mailbox.persistence.PlainSql;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<MailboxMessage, UUID> {
    @Inject
    PlainSql sql;

    /**
     * Stores a message the customer wrote, in the caller's transaction, with one plain statement: the message is
     * new (a fresh id), so there is nothing for Hibernate to track; the object stays unmanaged.
     */
    public void insert(MailboxMessage m) {
        sql.update(
                """
                insert into mailbox_message (message_id, conversation_id, customer_id, direction, office_id,
                    concern, subject, body, in_reply_to, payment_relevant, route_channel, route_office_id,
                    route_outlook_mailbox, route_service_center_id, status, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                m.messageId,
                m.conversationId,
                m.customerId,
                m.direction,
                m.officeId,
                m.concern,
                m.subject,
                m.body,
                m.inReplyTo,
                m.paymentRelevant,
                m.routeChannel,
                m.routeOfficeId,
                m.routeOutlookMailbox,
                m.routeServiceCenterId,
                m.status,
                m.createdAt);
    }

    /** A message the customer can see: theirs and not deleted. Someone else's id finds nothing. */
    public Optional<MailboxMessage> findVisible(String customerId, UUID messageId) {
        return find("messageId = ?1 and customerId = ?2 and deletedAt is null", messageId, customerId)
                .firstResultOptional();
    }

    public List<MailboxMessage> folder(String customerId, Direction direction, int page, int size) {
        return find(
                        "customerId = ?1 and direction = ?2 and deletedAt is null",
                        Sort.descending("createdAt").and("messageId", Sort.Direction.Descending),
                        customerId,
                        direction)
                .page(Page.of(page, size))
                .list();
    }

    /**
     * Files a received message unless one with its id is already there (a redelivered record).
     *
     * @return whether this call filed it
     */
    public boolean insertIfAbsent(MailboxMessage m) {
        int inserted = getEntityManager()
                .createNativeQuery("""
                        insert into mailbox_message (message_id, conversation_id, customer_id, direction, office_id,
                            concern, subject, body, in_reply_to, payment_relevant, route_channel, route_office_id,
                            route_outlook_mailbox, route_service_center_id, status, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
                        on conflict (message_id) do nothing
                        """)
                .setParameter(1, m.messageId)
                .setParameter(2, m.conversationId)
                .setParameter(3, m.customerId)
                .setParameter(4, m.direction.name())
                .setParameter(5, m.officeId)
                .setParameter(6, m.concern)
                .setParameter(7, m.subject)
                .setParameter(8, m.body)
                .setParameter(9, m.inReplyTo)
                .setParameter(10, m.paymentRelevant)
                .setParameter(11, m.routeChannel == null ? null : m.routeChannel.name())
                .setParameter(12, m.routeOfficeId)
                .setParameter(13, m.routeOutlookMailbox)
                .setParameter(14, m.routeServiceCenterId)
                .setParameter(15, m.status == null ? null : m.status.name())
                .setParameter(16, m.createdAt)
                .executeUpdate();
        return inserted == 1;
    }

    public long countFolder(String customerId, Direction direction) {
        return count("customerId = ?1 and direction = ?2 and deletedAt is null", customerId, direction);
    }

    public long countUnread(String customerId) {
        return count(
                "customerId = ?1 and direction = ?2 and readAt is null and deletedAt is null",
                customerId,
                Direction.RECEIVED);
    }

    /** The messages of a conversation the customer can see, oldest first. */
    public List<MailboxMessage> thread(String customerId, UUID conversationId) {
        return find(
                        "conversationId = ?1 and customerId = ?2 and deletedAt is null",
                        Sort.ascending("createdAt").and("messageId"),
                        conversationId,
                        customerId)
                .list();
    }
}
