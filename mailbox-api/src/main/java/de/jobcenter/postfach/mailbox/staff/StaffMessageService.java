package de.jobcenter.postfach.mailbox.staff;

import de.jobcenter.postfach.contracts.RejectionReason;
import de.jobcenter.postfach.contracts.StaffMessageRejected;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.contracts.Uuids;
import de.jobcenter.postfach.mailbox.message.Conversation;
import de.jobcenter.postfach.mailbox.message.ConversationRepository;
import de.jobcenter.postfach.mailbox.message.Direction;
import de.jobcenter.postfach.mailbox.message.MailboxMessage;
import de.jobcenter.postfach.mailbox.message.MessageRepository;
import de.jobcenter.postfach.mailbox.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/** Files a staff message into the customer's inbox, or answers why it cannot. */
@ApplicationScoped
public class StaffMessageService {
    private static final Logger LOG = Logger.getLogger(StaffMessageService.class);

    @Inject
    MessageRepository messages;

    @Inject
    ConversationRepository conversations;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Transactional
    public void file(StaffMessageSent event) {
        if (messages.findById(event.messageId()) != null) {
            return; // filed before: a redelivered record
        }
        Conversation conversation;
        if (event.conversationId() != null) {
            conversation = conversations.findById(event.conversationId());
            if (conversation == null
                    || !conversation.officeId.equals(event.officeId())
                    || (event.customerId() != null && !conversation.customerId.equals(event.customerId()))) {
                reject(event, RejectionReason.CONVERSATION_MISMATCH);
                return;
            }
        } else if (event.customerId() != null) {
            conversation = new Conversation();
            conversation.conversationId = Uuids.v5(Uuids.NAMESPACE, "conversation:" + event.messageId());
            conversation.customerId = event.customerId();
            conversation.officeId = event.officeId();
            conversation.concern = event.concern();
            conversation.startedAt = event.sentAt();
            conversations.persist(conversation);
        } else {
            reject(event, RejectionReason.UNKNOWN_CUSTOMER);
            return;
        }

        MailboxMessage message = new MailboxMessage();
        message.messageId = event.messageId();
        message.conversationId = conversation.conversationId;
        message.customerId = conversation.customerId;
        message.direction = Direction.RECEIVED;
        message.officeId = event.officeId();
        message.concern = event.concern() != null ? event.concern() : conversation.concern;
        message.subject = event.subject();
        message.body = event.body();
        message.inReplyTo = event.inReplyTo();
        message.paymentRelevant = event.paymentRelevant();
        message.route(event.route());
        message.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (messages.insertIfAbsent(message)) {
            LOG.infof("Filed staff message %s into conversation %s", message.messageId, message.conversationId);
        }
    }

    private void reject(StaffMessageSent event, RejectionReason reason) {
        LOG.infof("Rejected staff message %s: %s", event.messageId(), reason);
        outbox.add(
                Topics.STAFF_MESSAGES_REJECTED,
                new StaffMessageRejected(event.messageId(), event.officeId(), event.route(), reason, clock.instant()));
    }
}
