package de.jobcenter.postfach.servicecenter.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.kit.adapter.OfficeCheck;
import de.jobcenter.postfach.kit.adapter.StaffMessageJson;
import de.jobcenter.postfach.kit.adapter.StaffMessagePublisher;
import de.jobcenter.postfach.kit.adapter.StaffMessages;
import de.jobcenter.postfach.kit.officeconfig.OfficeConfigReplica;
import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import de.jobcenter.postfach.servicecenter.config.ServiceCenterConfig;
import de.jobcenter.postfach.servicecenter.delivery.TicketDelivery;
import de.jobcenter.postfach.servicecenter.delivery.TicketDeliveryRepository;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Takes a signed VCC callback in one database transaction: claims the signature (a replay finds it claimed and is
 * refused), reads and validates the reply, completes it from the ticket's delivery record, and publishes it. Any
 * refusal or failure rolls the claim back, so nothing is published and the VCC may send the same call again.
 */
@ApplicationScoped
public class ReplyIntake {
    /** Replicas' clocks may differ a little: keep a claim that much longer than the window. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    @Inject
    UsedSignatureRepository signatures;

    @Inject
    TicketDeliveryRepository tickets;

    @Inject
    ObjectMapper strictMapper;

    @Inject
    OfficeConfigReplica offices;

    @Inject
    ServiceCenterConfig config;

    @Inject
    Clock clock;

    @Inject
    @org.eclipse.microprofile.reactive.messaging.Channel("staff-messages")
    MutinyEmitter<byte[]> emitter;

    private StaffMessagePublisher publisher;
    private OfficeCheck officeCheck;

    @PostConstruct
    void init() {
        publisher = new StaffMessagePublisher(emitter, "servicecenter-adapter", clock);
        officeCheck = OfficeCheck.liveOffice(offices, clock, this::contractRule);
    }

    @Transactional(rollbackOn = Exception.class)
    public StaffMessageSent accept(byte[] body, SignatureVerifier.Verified signature) throws IOException {
        Instant now = clock.instant();
        Instant expiresAt = signature.signedAt().plus(config.signatureWindow()).plus(CLOCK_SKEW);
        if (!signatures.claim(signature.signature(), now, expiresAt)) {
            throw SignatureVerifier.refused("Diese Signatur wurde bereits verwendet.");
        }
        VccReply reply = StaffMessageJson.read(body, VccReply.class, strictMapper);
        TicketDelivery ticket = reply.externalReference() == null ? null : tickets.findById(reply.externalReference());
        if (ticket != null && reply.officeId() != null && !ticket.officeId.equals(reply.officeId())) {
            throw ProblemException.validation(List.of(
                    new FieldError("externalReference", "Dieses Ticket gehört zu einer anderen Dienststelle.")));
        }
        StaffMessageSent message = StaffMessages.accept(
                reply.toInbound(ticket),
                Channel.SERVICE_CENTER,
                reply.officeId() == null ? null : RouteRef.serviceCenter(reply.officeId(), config.serviceCenterId()),
                now,
                officeCheck);
        publisher.publish(message);
        return message;
    }

    /** The VCC speaks only for offices that bought the service center's support, from the contract's first day. */
    private Optional<String> contractRule(OfficeConfigurationActivated office) {
        OfficeConfigurationActivated.ServiceCenterContract contract = office.serviceCenterContract();
        if (contract == null) {
            return Optional.of("Diese Dienststelle hat keinen Vertrag mit dem Service Center.");
        }
        if (!contract.serviceCenterId().equals(config.serviceCenterId())) {
            return Optional.of("Diese Dienststelle hat ihren Vertrag mit einem anderen Service Center.");
        }
        LocalDate today = LocalDate.now(clock.withZone(OfficeCheck.OFFICE_TIME_ZONE));
        if (contract.effectiveFrom().isAfter(today)) {
            return Optional.of("Der Vertrag dieser Dienststelle mit dem Service Center gilt erst ab "
                    + GERMAN_DATE.format(contract.effectiveFrom()) + ".");
        }
        return Optional.empty();
    }
}
