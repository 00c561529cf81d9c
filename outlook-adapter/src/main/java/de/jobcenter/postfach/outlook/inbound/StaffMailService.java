package de.jobcenter.postfach.outlook.inbound;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.contracts.Uuids;
import de.jobcenter.postfach.kit.adapter.InboundStaffMessage;
import de.jobcenter.postfach.kit.adapter.StaffMessagePublisher;
import de.jobcenter.postfach.kit.adapter.StaffMessages;
import de.jobcenter.postfach.kit.officeconfig.OfficeConfigReplica;
import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import de.jobcenter.postfach.outlook.config.OutlookConfig;
import de.jobcenter.postfach.outlook.correlation.ReplyCorrelation;
import de.jobcenter.postfach.outlook.correlation.ReplyCorrelationRepository;
import de.jobcenter.postfach.outlook.correlation.ReplyTokens;
import de.jobcenter.postfach.outlook.mail.SmtpSender;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Decides what becomes of a mail in the service mailbox, publishes the accepted ones as {@code StaffMessageSent}
 * and answers the refused ones. The sender rules: an answer (found by its token, or by the Message-ID it answers)
 * is taken from the office's configured mailboxes and from addresses of the allowed domains; a new conversation
 * only from a configured mailbox, whose office it belongs to. The message's route is always the office's
 * configured mailbox, never a personal sender. Whatever it decides is recorded, so a mail read again is neither
 * published nor answered twice.
 */
@ApplicationScoped
public class StaffMailService {
    private static final Logger LOG = Logger.getLogger(StaffMailService.class);
    private static final String SERVICE = "outlook-adapter";

    @Inject
    OutlookConfig config;

    @Inject
    ReplyCorrelationRepository correlations;

    @Inject
    InboundMailRepository handled;

    @Inject
    OfficeConfigReplica offices;

    @Inject
    SmtpSender smtp;

    @Inject
    MeterRegistry meters;

    @Inject
    Clock clock;

    @Inject
    @org.eclipse.microprofile.reactive.messaging.Channel("staff-messages")
    MutinyEmitter<byte[]> staffMessages;

    private StaffMessagePublisher publisher;

    @PostConstruct
    void init() {
        publisher = new StaffMessagePublisher(staffMessages, SERVICE, clock);
    }

    /**
     * Publishes or refuses the mail; returns once the message is on Kafka or the sender has been answered, so the
     * caller may then move the mail out of the inbox.
     *
     * @throws MessagingException the answer to a refused mail could not be sent (leave the mail, try later)
     */
    public InboundMail.Outcome handle(StaffMail mail) throws MessagingException {
        UUID id = Uuids.staffMessageId(Channel.OUTLOOK, mail.sourceId());
        Optional<InboundMail> seen = handled.find(id);
        if (seen.isPresent() && seen.get().outcome == InboundMail.Outcome.PUBLISHED) {
            LOG.infof("Mail %s was published before; moving it on", id);
            meters.counter("postfach.outlook.replies.repeated").increment();
            return InboundMail.Outcome.PUBLISHED;
        }
        // A refused mail read again (an operator moved it back after fixing the cause) is judged again; its sender
        // is answered again only for another reason.
        Instant receivedAt = mail.receivedAt() != null ? mail.receivedAt() : clock.instant();
        Decision decision = decide(mail, receivedAt);
        if (decision instanceof Accepted accepted) {
            return publish(accepted, receivedAt);
        }
        Refused refused = (Refused) decision;
        boolean answeredBefore = seen.isPresent() && seen.get().reason == refused.refusal();
        return refuse(id, mail, refused, receivedAt, answeredBefore);
    }

    private sealed interface Decision permits Accepted, Refused {}

    private record Accepted(StaffMessageSent message, String kind) implements Decision {}

    private record Refused(Refusal refusal, String officeId, List<FieldError> details) implements Decision {
        Refused(Refusal refusal) {
            this(refusal, null, List.of());
        }
    }

    private Decision decide(StaffMail mail, Instant receivedAt) {
        if (mail.automatic()) {
            // Before anything else: an automatic mail is never answered, whatever else is wrong with it.
            return new Refused(Refusal.AUTOMATIC);
        }
        if (mail.problem() != null) {
            return new Refused(mail.problem());
        }
        String sender = mail.sender();
        List<OfficeConfigurationActivated> sendersOffices = offices.all().stream()
                .filter(o -> configured(o, sender).isPresent())
                .toList();
        if (sendersOffices.isEmpty() && !inAllowedDomain(sender)) {
            return new Refused(Refusal.FOREIGN_SENDER);
        }
        Optional<String> token = ReplyTokens.find(mail.subject());
        Optional<ReplyCorrelation> answered;
        if (token.isPresent()) {
            List<ReplyCorrelation> rows = correlations.findByToken(token.get());
            if (rows.isEmpty()) {
                return new Refused(Refusal.UNKNOWN_TOKEN);
            }
            answered = Optional.of(rows.stream()
                    .filter(r -> mail.references().contains(r.mailMessageId))
                    .findFirst()
                    .orElse(rows.get(0)));
        } else {
            answered = correlations.findFirstByMailMessageIds(mail.references());
        }
        if (answered.isPresent()) {
            return answer(mail, answered.get(), sendersOffices, receivedAt);
        }
        Optional<SubjectForms.NewConversation> start = SubjectForms.newConversation(mail.subject());
        if (start.isPresent()) {
            return newConversation(mail, start.get(), sendersOffices, receivedAt);
        }
        return new Refused(token.isPresent() ? Refusal.UNKNOWN_TOKEN : Refusal.NO_REFERENCE);
    }

    private Decision answer(
            StaffMail mail,
            ReplyCorrelation answered,
            List<OfficeConfigurationActivated> sendersOffices,
            Instant receivedAt) {
        String sender = mail.sender();
        Optional<OfficeConfigurationActivated> office = offices.find(answered.officeId);
        if (office.isEmpty() || !office.get().isLiveOn(today())) {
            return new Refused(Refusal.OFFICE_NOT_LIVE, answered.officeId, List.of());
        }
        Optional<String> configuredSender = configured(office.get(), sender);
        String routeMailbox;
        if (configuredSender.isPresent()) {
            routeMailbox = configuredSender.get();
        } else if (sender.equalsIgnoreCase(answered.mailbox)) {
            routeMailbox = answered.mailbox;
        } else if (sendersOffices.stream().anyMatch(o -> !o.officeId().equals(answered.officeId))) {
            // A mailbox of another office answers this office's conversation.
            return new Refused(Refusal.TOKEN_OF_ANOTHER_OFFICE, answered.officeId, List.of());
        } else if (inAllowedDomain(sender)) {
            // A staff member's personal address: the message is filed under the office's mailbox, not theirs.
            routeMailbox = configured(office.get(), answered.mailbox)
                    .orElse(
                            office.get().outlookMailboxes().isEmpty()
                                    ? answered.mailbox
                                    : office.get().outlookMailboxes().get(0));
        } else {
            return new Refused(Refusal.FOREIGN_SENDER, answered.officeId, List.of());
        }
        InboundStaffMessage in = new InboundStaffMessage(
                mail.sourceId(),
                answered.officeId,
                answered.messageId,
                answered.conversationId,
                answered.customerNumber,
                answered.customerId,
                answered.concern,
                SubjectForms.forCustomer(mail.subject()),
                mail.body(),
                SubjectForms.isPaymentRelevant(mail.subject()),
                receivedAt);
        return accept(in, RouteRef.outlook(answered.officeId, routeMailbox), "answer");
    }

    private Decision newConversation(
            StaffMail mail,
            SubjectForms.NewConversation start,
            List<OfficeConfigurationActivated> sendersOffices,
            Instant receivedAt) {
        if (sendersOffices.isEmpty()) {
            // Personal addresses may answer, but only an office's configured mailbox starts a conversation.
            return new Refused(Refusal.FOREIGN_SENDER);
        }
        if (sendersOffices.size() > 1) {
            return new Refused(Refusal.AMBIGUOUS_OFFICE);
        }
        OfficeConfigurationActivated office = sendersOffices.get(0);
        if (!office.isLiveOn(today())) {
            return new Refused(Refusal.OFFICE_NOT_LIVE, office.officeId(), List.of());
        }
        String mailbox = configured(office, mail.sender()).orElseThrow();
        InboundStaffMessage in = new InboundStaffMessage(
                mail.sourceId(),
                office.officeId(),
                null,
                null,
                start.customerNumber(),
                null,
                null,
                start.subject(),
                mail.body(),
                SubjectForms.isPaymentRelevant(mail.subject()),
                receivedAt);
        return accept(in, RouteRef.outlook(office.officeId(), mailbox), "new-conversation");
    }

    private Decision accept(InboundStaffMessage in, RouteRef route, String kind) {
        try {
            return new Accepted(StaffMessages.accept(in, Channel.OUTLOOK, route, clock.instant()), kind);
        } catch (ProblemException e) {
            return new Refused(
                    Refusal.INVALID_CONTENT, in.officeId(), e.toProblem().errors());
        }
    }

    private InboundMail.Outcome publish(Accepted accepted, Instant receivedAt) {
        StaffMessageSent message = accepted.message();
        publisher.publish(message);
        InboundMail row = row(message.messageId(), InboundMail.Outcome.PUBLISHED, receivedAt);
        row.officeId = message.officeId();
        row.conversationId = message.conversationId();
        row.customerNumber = message.customerNumber();
        row.routeMailbox = message.route().outlookMailbox();
        handled.record(row);
        meters.counter("postfach.outlook.replies.accepted", "kind", accepted.kind())
                .increment();
        LOG.infof(
                "Staff mail published as %s (%s, office %s%s)",
                message.messageId(),
                accepted.kind(),
                message.officeId(),
                message.paymentRelevant() ? ", payment-relevant" : "");
        return InboundMail.Outcome.PUBLISHED;
    }

    private InboundMail.Outcome refuse(
            UUID id, StaffMail mail, Refused refused, Instant receivedAt, boolean answeredBefore)
            throws MessagingException {
        Refusal refusal = refused.refusal();
        if (refusal.answered() && mail.sender() != null && !answeredBefore) {
            smtp.send(RefusalAnswer.mail(
                    config.serviceAddress(),
                    mail.sender(),
                    id,
                    config.messageIdDomain(),
                    refusal,
                    refused.details(),
                    receivedAt,
                    config.zone()));
            meters.counter("postfach.outlook.mails.sent", "kind", "refusal").increment();
        }
        InboundMail row = row(id, InboundMail.Outcome.REFUSED, receivedAt);
        row.reason = refusal;
        row.officeId = refused.officeId();
        handled.record(row);
        meters.counter("postfach.outlook.replies.refused", "reason", refusal.name())
                .increment();
        LOG.infof(
                "Staff mail %s refused: %s%s",
                id, refusal, refused.officeId() != null ? " (office " + refused.officeId() + ")" : "");
        return InboundMail.Outcome.REFUSED;
    }

    private InboundMail row(UUID id, InboundMail.Outcome outcome, Instant receivedAt) {
        InboundMail row = new InboundMail();
        row.staffMessageId = id;
        row.outcome = outcome;
        row.receivedAt = receivedAt;
        row.processedAt = clock.instant();
        return row;
    }

    /** The office's configured mailbox matching the address, in the office's spelling. */
    private static Optional<String> configured(OfficeConfigurationActivated office, String address) {
        return office.outlookMailboxes().stream()
                .filter(m -> m.equalsIgnoreCase(address))
                .findFirst();
    }

    private boolean inAllowedDomain(String address) {
        String domain = address.substring(address.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        return config.allowedSenderDomains().stream()
                .map(d -> d.strip().toLowerCase(Locale.ROOT))
                .anyMatch(domain::equals);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), config.zone());
    }
}
