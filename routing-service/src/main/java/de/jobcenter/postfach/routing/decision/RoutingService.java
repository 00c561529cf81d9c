package de.jobcenter.postfach.routing.decision;

import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.kit.officeconfig.OfficeConfigReplica;
import de.jobcenter.postfach.routing.config.RoutingConfig;
import de.jobcenter.postfach.routing.metrics.RoutingMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;

/** Takes the routing decision for a message with this instance's configuration replica and today's date. */
@ApplicationScoped
public class RoutingService {
    @Inject
    OfficeConfigReplica replica;

    @Inject
    RoutingConfig config;

    @Inject
    Clock clock;

    @Inject
    RoutingMetrics metrics;

    /** Whether the replica holds every office's configuration: before that, a decision could miss an office. */
    public boolean isReady() {
        return replica.isLoaded();
    }

    /** Today in the offices' time zone; a batch takes it once, as it takes milliseconds, not days. */
    public LocalDate routingDate() {
        return LocalDate.ofInstant(clock.instant(), config.zone());
    }

    public RoutingDecision decide(CustomerMessageSubmitted message, LocalDate routingDate) {
        return metrics.timeDecision(
                () -> RoutingDecision.decide(message, replica.find(message.officeId()), routingDate));
    }
}
