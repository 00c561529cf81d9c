package de.jobcenter.postfach.mailbox.message;

import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated.ConcernConfiguration;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import de.jobcenter.postfach.kit.text.MessageText;
import de.jobcenter.postfach.mailbox.metrics.MailboxMetrics;
import de.jobcenter.postfach.mailbox.office.OfficeDirectory;
import de.jobcenter.postfach.mailbox.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Writes, answers, reads and deletes customers' messages. Every write stores its event in the same transaction. */
@ApplicationScoped
public class MessageService {
    private static final Pattern OFFICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern CONCERN = Pattern.compile("[A-Z][A-Z_]{0,63}");
    static final String REPLY_PREFIX = "AW: ";

    @Inject
    MessageRepository messages;

    @Inject
    ConversationRepository conversations;

    @Inject
    OfficeDirectory offices;

    @Inject
    Outbox outbox;

    @Inject
    MailboxMetrics metrics;

    @Inject
    Clock clock;

    /**
     * Starts a conversation with an office: checks the text, then the office's active configuration (live, concern
     * offered, no online flow), and stores the conversation, the message and its {@code CustomerMessageSubmitted}
     * event with plain statements. Runs in the caller's transaction ({@code IdempotentWrites} opens it, so that the
     * stored answer commits with the write); without one it refuses to store anything.
     */
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
        ConcernConfiguration concern = offices.checkWritable(request.officeId(), request.concern());
        Instant now = now();

        Conversation conversation = new Conversation();
        conversation.conversationId = UUID.randomUUID();
        conversation.customerId = customerId;
        conversation.officeId = request.officeId();
        conversation.concern = concern.concern();
        conversation.startedAt = now;
        conversations.insert(conversation);

        MailboxMessage message = new MailboxMessage();
        message.messageId = UUID.randomUUID();
        message.conversationId = conversation.conversationId;
        message.customerId = customerId;
        message.direction = Direction.SENT;
        message.officeId = conversation.officeId;
        message.concern = conversation.concern;
        message.subject = subject;
        message.body = body;
        message.paymentRelevant = concern.paymentRelevant();
        message.status = SentStatus.SUBMITTED;
        message.createdAt = now;
        messages.insert(message);

        submit(message, customerNumber);
        metrics.messageWritten("message");
        return message;
    }

    /**
     * Answers a staff message within its conversation. The answer goes back to the office, to the route the staff
     * message came from ({@code replyRoute}); its payment relevance is the office's setting for the concern. Runs in
     * the caller's transaction, like {@link #write}.
     */
    public MailboxMessage reply(
            String customerId, Optional<String> customerNumber, UUID staffMessageId, ReplyRequest request) {
        MailboxMessage answered =
                messages.findVisible(customerId, staffMessageId).orElseThrow(ProblemException::notFound);
        List<FieldError> errors = new ArrayList<>();
        String body = MessageText.body(request.body(), "body", errors);
        String subject = request.subject() == null
                ? replySubject(answered.subject)
                : MessageText.subject(request.subject(), "subject", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        if (answered.direction != Direction.RECEIVED) {
            throw new ProblemException(
                    MessageProblems.NOT_A_STAFF_MESSAGE,
                    "Bitte antworten Sie auf eine Nachricht aus Ihrem Posteingang.");
        }
        Instant now = now();
        MailboxMessage message = new MailboxMessage();
        message.messageId = UUID.randomUUID();
        message.conversationId = answered.conversationId;
        message.customerId = customerId;
        message.direction = Direction.SENT;
        message.officeId = answered.officeId;
        message.concern = answered.concern;
        message.subject = subject;
        message.body = body;
        message.inReplyTo = answered.messageId;
        message.paymentRelevant = offices.paymentRelevant(answered.officeId, answered.concern);
        message.route(answered.route()); // for a sent message: where it goes back to
        message.status = SentStatus.SUBMITTED;
        message.createdAt = now;
        messages.insert(message);

        submit(message, customerNumber);
        metrics.messageWritten("reply");
        return message;
    }

    /**
     * „AW: “ and the answered subject, cut to the subject limit in code points; a subject that already is an answer
     * keeps its single prefix rather than collecting „AW: AW: …“.
     */
    static String replySubject(String answered) {
        String text = Normalizer.normalize(answered, Normalizer.Form.NFC)
                .replaceAll("[\\p{Cntrl}\\u2028\\u2029\\uFEFF\\u202A-\\u202E\\u2066-\\u2069]+", " ")
                .strip();
        String subject = text.toUpperCase(Locale.ROOT).startsWith("AW:") ? text : REPLY_PREFIX + text;
        if (subject.codePointCount(0, subject.length()) > MessageText.SUBJECT_MAX) {
            subject = subject.substring(0, subject.offsetByCodePoints(0, MessageText.SUBJECT_MAX));
        }
        return subject.strip();
    }

    private void submit(MailboxMessage message, Optional<String> customerNumber) {
        outbox.add(
                Topics.CUSTOMER_MESSAGES,
                new CustomerMessageSubmitted(
                        message.messageId,
                        message.conversationId,
                        message.inReplyTo,
                        message.customerId,
                        customerNumber.orElse(null),
                        message.officeId,
                        message.concern,
                        message.subject,
                        message.body,
                        message.paymentRelevant,
                        message.route(),
                        message.createdAt));
    }

    public MessageViews.Page folder(String customerId, Direction direction, int page, int size) {
        List<MessageViews.Summary> items = messages.folder(customerId, direction, page, size).stream()
                .map(m -> MessageViews.Summary.of(m, offices.nameOf(m.officeId)))
                .toList();
        return new MessageViews.Page(items, page, size, messages.countFolder(customerId, direction));
    }

    public long unreadCount(String customerId) {
        return messages.countUnread(customerId);
    }

    /** The whole message; reading a received message marks it read. */
    @Transactional
    public MailboxMessage read(String customerId, UUID messageId) {
        MailboxMessage message = messages.findVisible(customerId, messageId).orElseThrow(ProblemException::notFound);
        if (message.direction == Direction.RECEIVED && message.readAt == null) {
            message.readAt = now();
        }
        return message;
    }

    /** Removes a message from the customer's view; the office's records (E-AKTE, mailbox, VCC) stay. */
    @Transactional
    public void delete(String customerId, UUID messageId) {
        MailboxMessage message = messages.findVisible(customerId, messageId).orElseThrow(ProblemException::notFound);
        message.deletedAt = now();
    }

    /** The conversation with the messages the customer can see, oldest first; 404 when none is left. */
    public MessageViews.Thread conversation(String customerId, UUID conversationId) {
        Conversation conversation =
                conversations.findOwned(customerId, conversationId).orElseThrow(ProblemException::notFound);
        List<MailboxMessage> visible = messages.thread(customerId, conversationId);
        if (visible.isEmpty()) {
            throw ProblemException.notFound();
        }
        String officeName = offices.nameOf(conversation.officeId);
        return new MessageViews.Thread(
                conversation.conversationId,
                conversation.officeId,
                officeName,
                conversation.concern,
                conversation.startedAt,
                visible.stream().map(m -> MessageViews.Detail.of(m, officeName)).toList());
    }

    public MessageViews.Detail view(MailboxMessage message) {
        return MessageViews.Detail.of(message, offices.nameOf(message.officeId));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
