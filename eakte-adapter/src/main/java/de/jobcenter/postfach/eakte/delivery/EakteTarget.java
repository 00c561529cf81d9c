package de.jobcenter.postfach.eakte.delivery;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.eakte.config.EakteConfig;
import de.jobcenter.postfach.kit.adapter.CircuitBreaker;
import de.jobcenter.postfach.kit.adapter.TargetRetry;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * E-AKTE as a target: one circuit breaker for everything the adapter sends there (deliveries, archive filings,
 * rejection notices), so an E-AKTE outage pauses all three consumers instead of each burning its retries.
 */
@ApplicationScoped
public class EakteTarget {
    @Inject
    EakteConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry meters;

    private CircuitBreaker circuit;

    @PostConstruct
    void init() {
        circuit = CircuitBreaker.of(Channel.EAKTE, config.delivery(), clock, meters);
    }

    /** @param purpose the metric tag: {@code delivery}, {@code archive}, {@code rejection-notice} */
    public TargetRetry retry(String purpose) {
        return new TargetRetry(circuit, config.delivery(), purpose, clock, meters);
    }

    public CircuitBreaker circuit() {
        return circuit;
    }
}
