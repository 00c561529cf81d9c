package de.jobcenter.postfach.servicecenter.delivery;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.kit.adapter.ChannelDelivery;
import de.jobcenter.postfach.kit.adapter.DeliveryOutcome;
import de.jobcenter.postfach.kit.adapter.OfficeCheck;
import de.jobcenter.postfach.kit.consumer.ConsumerRetry;
import de.jobcenter.postfach.kit.consumer.ProcessingFailedException;
import de.jobcenter.postfach.kit.officeconfig.OfficeConfigReplica;
import de.jobcenter.postfach.servicecenter.config.ServiceCenterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * One attempt to open a VCC ticket for a routed message ({@code externalReference} = message id; 2xx or 409 is
 * done). Before the first attempt the office must have a service-center contract in effect, according to this
 * adapter's replica of the office configuration; a message for an office without one is refused (FAILED with the
 * reason), never dropped. The delivery is recorded (who, which thread; no content) so a staff reply that names only
 * its ticket can be completed.
 */
@ApplicationScoped
public class VccDelivery implements ChannelDelivery {
    private static final Logger LOG = Logger.getLogger(VccDelivery.class);
    private static final long REPLICA_POLL_MILLIS = 200;

    @Inject
    @RestClient
    VccClient vcc;

    @Inject
    OfficeConfigReplica offices;

    @Inject
    TicketDeliveryRepository deliveries;

    @Inject
    ServiceCenterConfig config;

    @Inject
    Clock clock;

    private final ConsumerRetry recording = ConsumerRetry.standard();

    @Override
    public Channel channel() {
        return Channel.SERVICE_CENTER;
    }

    @Override
    public Optional<String> check(MessageRouted message) {
        awaitReplica(message);
        Optional<OfficeConfigurationActivated> office = offices.find(message.officeId());
        if (office.isEmpty()) {
            return Optional.of("office " + message.officeId() + " is unknown to the office configuration");
        }
        OfficeConfigurationActivated.ServiceCenterContract contract =
                office.get().serviceCenterContract();
        LocalDate today = LocalDate.now(clock.withZone(OfficeCheck.OFFICE_TIME_ZONE));
        if (contract == null) {
            return Optional.of("office " + message.officeId() + " has no service-center contract");
        }
        if (contract.effectiveFrom().isAfter(today)) {
            return Optional.of("the service-center contract of office " + message.officeId() + " takes effect on "
                    + contract.effectiveFrom());
        }
        String routed = message.route().serviceCenterId();
        if (routed != null && !routed.equals(contract.serviceCenterId())) {
            return Optional.of("the route names service center " + routed + ", the contract of office "
                    + message.officeId() + " names " + contract.serviceCenterId());
        }
        recording.run(
                "Recording the delivery of " + message.messageId(),
                () -> deliveries.remember(message, clock.instant()));
        return Optional.empty();
    }

    @Override
    public DeliveryOutcome attempt(MessageRouted message) {
        try (Response response = vcc.openTicket(Ticket.of(message))) {
            return DeliveryOutcome.forHttpStatus(response.getStatus());
        } catch (ProcessingException e) {
            return DeliveryOutcome.transientFailure(e.getClass().getSimpleName());
        }
    }

    /**
     * Waits until the replica is loaded, then (at most {@code config-wait}) until it holds the office's configuration
     * in at least the version routing-service decided with: a contract activated a moment ago must not fail.
     */
    private void awaitReplica(MessageRouted message) {
        long loggedAt = 0;
        while (!offices.isLoaded()) {
            if (System.nanoTime() - loggedAt > 30_000_000_000L) {
                LOG.infof("Delivery of %s waits for the office-configuration replica to load", message.messageId());
                loggedAt = System.nanoTime();
            }
            pause();
        }
        Instant deadline = clock.instant().plus(config.configWait());
        while (offices.find(message.officeId())
                        .map(OfficeConfigurationActivated::version)
                        .orElse(Long.MIN_VALUE)
                < message.configVersion()) {
            if (!clock.instant().isBefore(deadline)) {
                LOG.warnf(
                        "The office-configuration replica has not reached version %d of office %s within %s",
                        message.configVersion(), message.officeId(), config.configWait());
                return;
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(REPLICA_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessingFailedException("interrupted while waiting for the office-configuration replica");
        }
    }
}
