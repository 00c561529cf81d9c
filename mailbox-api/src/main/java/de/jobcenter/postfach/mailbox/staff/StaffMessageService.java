package de.jobcenter.postfach.mailbox.staff;

import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MailboxMessageArrived;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.contracts.RejectionReason;
import de.jobcenter.postfach.contracts.StaffMessageRejected;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.contracts.Uuids;
import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.text.MessageText;
import de.jobcenter.postfach.mailbox.customer.Customer;
import de.jobcenter.postfach.mailbox.customer.CustomerRepository;
import de.jobcenter.postfach.mailbox.message.Conversation;
import de.jobcenter.postfach.mailbox.message.ConversationRepository;
import de.jobcenter.postfach.mailbox.message.Direction;
import de.jobcenter.postfach.mailbox.message.MailboxMessage;
import de.jobcenter.postfach.mailbox.message.MessageRepository;
import de.jobcenter.postfach.mailbox.metrics.MailboxMetrics;
import de.jobcenter.postfach.mailbox.office.OfficeDirectory;
import de.jobcenter.postfach.mailbox.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Files a staff message into the customer's inbox and announces it ({@code MailboxMessageArrived}), or answers why
 * it cannot ({@code StaffMessageRejected}), both through the outbox. A message for a customer number no customer
 * has signed in with yet is held until that customer's first sign-in. Idempotent on the message id.
 */
@ApplicationScoped
public class StaffMessageService {
    private static final Logger LOG = Logger.getLogger(StaffMessageService.class);

    @Inject
    MessageRepository messages;

    @Inject
    ConversationRepository conversations;

    @Inject
    CustomerRepository customers;

    @Inject
    OfficeDirectory offices;

    @Inject
    Outbox outbox;

    @Inject
    MailboxMetrics metrics;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional
    public void file(StaffMessageSent event) {
        if (messages.findById(event.messageId()) != null || isHeld(event.messageId())) {
            return; // a redelivered record
        }
        List<FieldError> errors = new ArrayList<>();
        MessageText.subject(event.subject(), "subject", errors);
        MessageText.body(event.body(), "body", errors);
        if (!errors.isEmpty()) {
            reject(event, RejectionReason.INVALID);
            return;
        }
        if (event.conversationId() != null) {
            Conversation conversation = conversations.findById(event.conversationId());
            if (conversation == null || !matches(conversation, event)) {
                reject(event, RejectionReason.CONVERSATION_MISMATCH);
                return;
            }
            fileInto(conversation, event);
            return;
        }
        if (event.customerId() != null) {
            Customer customer = customers.findById(event.customerId());
            if (customer != null) {
                fileInto(newConversation(event, customer.customerId), event);
                return;
            }
            if (event.customerNumber() == null) {
                reject(event, RejectionReason.UNKNOWN_CUSTOMER);
                return;
            }
        }
        if (event.customerNumber() != null) {
            Optional<Customer> customer = customers.findByCustomerNumber(event.customerNumber());
            if (customer.isPresent()) {
                fileInto(newConversation(event, customer.get().customerId), event);
            } else {
                hold(event);
            }
            return;
        }
        reject(event, RejectionReason.INVALID);
    }

    /** Files the staff messages held for a customer number, now that a customer signed in with it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void fileHeldFor(String customerNumber, String customerId) {
        @SuppressWarnings("unchecked")
        List<Object[]> held =
                em.createNativeQuery("""
                        select message_id, payload from pending_staff_message
                         where customer_number = ?1
                         order by received_at, message_id
                           for update
                        """).setParameter(1, customerNumber).getResultList();
        for (Object[] row : held) {
            StaffMessageSent event = EventJson.read((byte[]) row[1], StaffMessageSent.class);
            if (messages.findById(event.messageId()) == null) {
                fileInto(newConversation(event, customerId), event);
            }
            em.createNativeQuery("delete from pending_staff_message where message_id = ?1")
                    .setParameter(1, row[0])
                    .executeUpdate();
        }
        if (!held.isEmpty()) {
            LOG.infof("Filed %d held staff messages at a customer's first sign-in", held.size());
        }
    }

    /**
     * Rejects ({@code CUSTOMER_PENDING_EXPIRED}) held staff messages received before {@code cutoff}, at most
     * {@code limit} of them.
     *
     * @return how many were rejected
     */
    @Transactional
    public int expireHeld(Instant cutoff, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> expired = em.createNativeQuery("""
                        select message_id, payload from pending_staff_message
                         where received_at < ?1
                         order by received_at
                         limit ?2
                           for update skip locked
                        """)
                .setParameter(1, cutoff)
                .setParameter(2, limit)
                .getResultList();
        for (Object[] row : expired) {
            reject(EventJson.read((byte[]) row[1], StaffMessageSent.class), RejectionReason.CUSTOMER_PENDING_EXPIRED);
            em.createNativeQuery("delete from pending_staff_message where message_id = ?1")
                    .setParameter(1, row[0])
                    .executeUpdate();
        }
        return expired.size();
    }

    private boolean matches(Conversation conversation, StaffMessageSent event) {
        if (!conversation.officeId.equals(event.officeId())) {
            return false;
        }
        if (event.customerId() != null && !conversation.customerId.equals(event.customerId())) {
            return false;
        }
        if (event.customerNumber() != null) {
            Customer owner = customers.findById(conversation.customerId);
            return owner == null || owner.customerNumber == null || owner.customerNumber.equals(event.customerNumber());
        }
        return true;
    }

    private Conversation newConversation(StaffMessageSent event, String customerId) {
        Conversation conversation = conversations.findById(conversationIdFor(event));
        if (conversation != null) {
            return conversation;
        }
        conversation = new Conversation();
        conversation.conversationId = conversationIdFor(event);
        conversation.customerId = customerId;
        conversation.officeId = event.officeId();
        conversation.concern = event.concern();
        conversation.startedAt = event.sentAt().truncatedTo(ChronoUnit.MICROS);
        conversations.persist(conversation);
        return conversation;
    }

    /** A conversation started by staff gets an id derived from the first message's id: the same on every retry. */
    private static UUID conversationIdFor(StaffMessageSent event) {
        return Uuids.v5(Uuids.NAMESPACE, "conversation:" + event.messageId());
    }

    private void fileInto(Conversation conversation, StaffMessageSent event) {
        List<FieldError> ignored = new ArrayList<>();
        Instant now = now();
        MailboxMessage message = new MailboxMessage();
        message.messageId = event.messageId();
        message.conversationId = conversation.conversationId;
        message.customerId = conversation.customerId;
        message.direction = Direction.RECEIVED;
        message.officeId = event.officeId();
        // Staff may give an answer its own concern; OTHER is what the adapters say when staff chose none, and then
        // an answer within a thread keeps the thread's concern.
        message.concern = event.conversationId() != null && "OTHER".equals(event.concern())
                ? conversation.concern
                : event.concern();
        message.subject = MessageText.subject(event.subject(), "subject", ignored);
        message.body = MessageText.body(event.body(), "body", ignored);
        message.inReplyTo = event.inReplyTo();
        message.paymentRelevant = event.paymentRelevant();
        message.route(event.route());
        message.createdAt = now;
        if (!messages.insertIfAbsent(message)) {
            return;
        }
        outbox.add(
                Topics.MAILBOX_EVENTS,
                new MailboxMessageArrived(
                        message.customerId, message.messageId, message.officeId, officeType(message.officeId), now));
        metrics.staffMessageFiled();
        LOG.infof("Filed staff message %s into conversation %s", message.messageId, message.conversationId);
    }

    /**
     * The office's type from the replica. An office the replica does not know (a configuration deleted after the
     * staff member wrote) is announced as a job centre, the far more common kind: the info e-mail must not be lost.
     */
    private OfficeType officeType(String officeId) {
        return offices.find(officeId).map(OfficeConfigurationActivated::type).orElseGet(() -> {
            LOG.warnf("Office %s is not in the configuration replica; announcing it as a job centre", officeId);
            return OfficeType.JOBCENTER;
        });
    }

    private boolean isHeld(UUID messageId) {
        return !em.createNativeQuery("select 1 from pending_staff_message where message_id = ?1")
                .setParameter(1, messageId)
                .getResultList()
                .isEmpty();
    }

    private void hold(StaffMessageSent event) {
        em.createNativeQuery("""
                        insert into pending_staff_message (message_id, customer_number, office_id, payload, received_at)
                        values (?1, ?2, ?3, ?4, ?5)
                        on conflict (message_id) do nothing
                        """)
                .setParameter(1, event.messageId())
                .setParameter(2, event.customerNumber())
                .setParameter(3, event.officeId())
                .setParameter(4, EventJson.write(event))
                .setParameter(5, now())
                .executeUpdate();
        metrics.staffMessageHeld();
        LOG.infof("Holding staff message %s until the customer first signs in", event.messageId());
    }

    private void reject(StaffMessageSent event, RejectionReason reason) {
        LOG.infof("Rejected staff message %s: %s", event.messageId(), reason);
        outbox.add(
                Topics.STAFF_MESSAGES_REJECTED,
                new StaffMessageRejected(event.messageId(), event.officeId(), event.route(), reason, now()));
        metrics.staffMessageRejected(reason);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
