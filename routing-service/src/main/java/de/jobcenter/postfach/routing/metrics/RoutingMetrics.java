package de.jobcenter.postfach.routing.metrics;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.FallbackReason;
import de.jobcenter.postfach.routing.decision.DeadLetterReason;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The routing meters. Outcomes of a batch are counted only once its transaction committed, so an aborted and
 * re-consumed batch is not counted twice. The replica's version per office is the service kit's gauge
 * {@code postfach.office-config.version{office}}.
 */
@Startup
@ApplicationScoped
public class RoutingMetrics {
    static final String ROUTED = "postfach.routing.routed";
    static final String FALLBACKS = "postfach.routing.fallbacks";
    static final String DEAD_LETTERED = "postfach.routing.dead-lettered";
    static final String ARCHIVE_REQUESTED = "postfach.routing.archive-requested";
    static final String OFFICE_NOT_LIVE = "postfach.routing.office-not-live";
    static final String DECISION = "postfach.routing.decision";
    static final String REPLAYED = "postfach.routing.dead-letters.replayed";

    @Inject
    MeterRegistry registry;

    private Timer decisionTimer;

    /** Every series exists from the start at zero, so rates and alerts work before the first occurrence. */
    @PostConstruct
    void register() {
        decisionTimer = Timer.builder(DECISION)
                .description("Time taken by the routing decision of one message")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        for (Channel channel : Channel.values()) {
            registry.counter(ROUTED, "channel", channel.name());
            registry.counter(ARCHIVE_REQUESTED, "channel", channel.name());
        }
        for (FallbackReason reason : FallbackReason.values()) {
            registry.counter(FALLBACKS, "reason", reason.name());
        }
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            registry.counter(DEAD_LETTERED, "reason", reason.name());
        }
        registry.counter(OFFICE_NOT_LIVE);
        registry.counter(REPLAYED);
    }

    public <T> T timeDecision(Supplier<T> decision) {
        return decisionTimer.record(decision);
    }

    /** Collects one batch's outcomes until its transaction commits. */
    public Batch batch() {
        return new Batch();
    }

    public void replayed(int count) {
        registry.counter(REPLAYED).increment(count);
    }

    /** The outcomes of one batch; {@link #committed()} counts them. */
    public final class Batch {
        private final List<Runnable> increments = new ArrayList<>();

        private Batch() {}

        public void routed(Channel channel, FallbackReason fallbackReason, boolean archived, boolean officeLive) {
            increments.add(() -> {
                registry.counter(ROUTED, "channel", channel.name()).increment();
                if (fallbackReason != null) {
                    registry.counter(FALLBACKS, "reason", fallbackReason.name()).increment();
                }
                if (archived) {
                    registry.counter(ARCHIVE_REQUESTED, "channel", channel.name())
                            .increment();
                }
                if (!officeLive) {
                    registry.counter(OFFICE_NOT_LIVE).increment();
                }
            });
        }

        public void deadLettered(DeadLetterReason reason) {
            increments.add(() ->
                    registry.counter(DEAD_LETTERED, "reason", reason.name()).increment());
        }

        public void committed() {
            increments.forEach(Runnable::run);
        }
    }
}
