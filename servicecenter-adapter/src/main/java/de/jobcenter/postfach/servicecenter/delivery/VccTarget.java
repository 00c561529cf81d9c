package de.jobcenter.postfach.servicecenter.delivery;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.kit.adapter.CircuitBreaker;
import de.jobcenter.postfach.kit.adapter.TargetRetry;
import de.jobcenter.postfach.servicecenter.config.ServiceCenterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/** The VCC as a target: one circuit breaker for tickets and rejection notices alike. */
@ApplicationScoped
public class VccTarget {
    @Inject
    ServiceCenterConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry meters;

    private CircuitBreaker circuit;

    @PostConstruct
    void init() {
        circuit = CircuitBreaker.of(Channel.SERVICE_CENTER, config.delivery(), clock, meters);
    }

    /** @param purpose the metric tag: {@code delivery}, {@code rejection-notice} */
    public TargetRetry retry(String purpose) {
        return new TargetRetry(circuit, config.delivery(), purpose, clock, meters);
    }
}
