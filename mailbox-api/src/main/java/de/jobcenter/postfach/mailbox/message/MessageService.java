package de.jobcenter.postfach.mailbox.message;

import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import de.jobcenter.postfach.kit.text.MessageText;
import de.jobcenter.postfach.mailbox.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Writes and reads customers' messages. */
@ApplicationScoped
public class MessageService {
    private static final Pattern OFFICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern CONCERN = Pattern.compile("[A-Z][A-Z_]{0,63}");

    @Inject
    MessageRepository messages;

    @Inject
    ConversationRepository conversations;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /** Stores a new message and its event in one transaction. */
    @Transactional
    public MailboxMessage write(String customerId, Optional<String> customerNumber, WriteMessageRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.officeId() == null || !OFFICE_ID.matcher(request.officeId()).matches()) {
            errors.add(new FieldError("officeId", "Bitte eine gültige Dienststelle wählen."));
        }
        if (request.concern() == null || !CONCERN.matcher(request.concern()).matches()) {
            errors.add(new FieldError("concern", "Bitte ein gültiges Anliegen wählen."));
        }
        String subject = MessageText.subject(request.subject(), "subject", errors);
        String body = MessageText.body(request.body(), "body", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);

        Conversation conversation = new Conversation();
        conversation.conversationId = UUID.randomUUID();
        conversation.customerId = customerId;
        conversation.officeId = request.officeId();
        conversation.concern = request.concern();
        conversation.startedAt = now;
        conversations.persist(conversation);

        MailboxMessage message = new MailboxMessage();
        message.messageId = UUID.randomUUID();
        message.conversationId = conversation.conversationId;
        message.customerId = customerId;
        message.direction = Direction.SENT;
        message.officeId = request.officeId();
        message.concern = request.concern();
        message.subject = subject;
        message.body = body;
        message.paymentRelevant = false;
        message.status = SentStatus.SUBMITTED;
        message.createdAt = now;
        messages.persist(message);

        outbox.add(
                Topics.CUSTOMER_MESSAGES,
                new CustomerMessageSubmitted(
                        message.messageId,
                        message.conversationId,
                        null,
                        customerId,
                        customerNumber.orElse(null),
                        message.officeId,
                        message.concern,
                        message.subject,
                        message.body,
                        message.paymentRelevant,
                        null,
                        now));
        return message;
    }

    public MessageViews.Page folder(String customerId, Direction direction, int page, int size) {
        List<MessageViews.Summary> items = messages.folder(customerId, direction, page, size).stream()
                .map(MessageViews.Summary::of)
                .toList();
        return new MessageViews.Page(items, page, size, messages.countFolder(customerId, direction));
    }

    /** The whole message; reading a received message marks it read. */
    @Transactional
    public MailboxMessage read(String customerId, UUID messageId) {
        MailboxMessage message = messages.findVisible(customerId, messageId).orElseThrow(ProblemException::notFound);
        if (message.direction == Direction.RECEIVED && message.readAt == null) {
            message.readAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        }
        return message;
    }
}
