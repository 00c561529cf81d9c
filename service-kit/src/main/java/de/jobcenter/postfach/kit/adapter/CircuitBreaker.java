package de.jobcenter.postfach.kit.adapter;

import de.jobcenter.postfach.contracts.Channel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * The circuit breaker in front of one target system, shared by everything an adapter sends there. After
 * {@code failureThreshold} consecutive transient failures it opens: for {@code openDuration} no attempt is let
 * through, and the consumers wait in place (so the Kafka connector pauses fetching) instead of burning their retry
 * budgets on a target that is down. Then one probe attempt is let through (half-open): success closes the circuit,
 * failure opens it again. A permanent refusal counts as success: the target answered.
 *
 * <p>The gauge {@code postfach.delivery.circuit.open{channel}} is 1 while the circuit is open or half-open, and a
 * log line says when and why deliveries stall and when they resume. Readiness is not touched: the service is fine,
 * its target is not.
 */
public class CircuitBreaker {
    private static final Logger LOG = Logger.getLogger(CircuitBreaker.class);
    /** How long a caller waits before asking again while another caller's probe is under way. */
    private static final Duration PROBE_WAIT = Duration.ofMillis(200);

    enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final Channel channel;
    private final int failureThreshold;
    private final Duration openDuration;
    private final Clock clock;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;
    private String lastFailure;

    public CircuitBreaker(
            Channel channel, int failureThreshold, Duration openDuration, Clock clock, MeterRegistry meters) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1");
        }
        if (openDuration == null || openDuration.isNegative()) {
            throw new IllegalArgumentException("openDuration must be zero or positive");
        }
        this.channel = channel;
        this.failureThreshold = failureThreshold;
        this.openDuration = openDuration;
        this.clock = clock;
        if (meters != null) {
            Gauge.builder("postfach.delivery.circuit.open", this, b -> b.isOpen() ? 1 : 0)
                    .description("1 while deliveries to the channel's target stall behind an open circuit")
                    .tag("channel", channel.name())
                    .register(meters);
        }
    }

    public static CircuitBreaker of(Channel channel, DeliverySettings settings, Clock clock, MeterRegistry meters) {
        return new CircuitBreaker(
                channel,
                settings.circuit().failureThreshold(),
                settings.circuit().openDuration(),
                clock,
                meters);
    }

    public Channel channel() {
        return channel;
    }

    /**
     * Asks to make an attempt. {@link Duration#ZERO} means go ahead (the circuit is closed, or this caller makes the
     * half-open probe and must report its outcome); otherwise how long to wait before asking again.
     */
    public synchronized Duration admit() {
        Instant now = clock.instant();
        switch (state) {
            case CLOSED -> {
                return Duration.ZERO;
            }
            case OPEN -> {
                if (now.isBefore(openUntil)) {
                    return Duration.between(now, openUntil);
                }
                state = State.HALF_OPEN;
                LOG.infof("Circuit for %s half-open: one probe attempt decides whether deliveries resume", channel);
                return Duration.ZERO;
            }
            default -> {
                // A probe is under way; its outcome closes or reopens the circuit.
                return PROBE_WAIT;
            }
        }
    }

    /** The target accepted or refused an attempt: it is reachable. */
    public synchronized void onSuccess() {
        if (state != State.CLOSED) {
            LOG.infof("Circuit for %s closed: the target answers again, deliveries resume", channel);
        }
        state = State.CLOSED;
        consecutiveFailures = 0;
    }

    /** An attempt failed transiently; {@code detail} is content-free (a status code, an exception class). */
    public synchronized void onTransientFailure(String detail) {
        consecutiveFailures++;
        lastFailure = detail;
        if (state == State.HALF_OPEN || state == State.CLOSED && consecutiveFailures >= failureThreshold) {
            state = State.OPEN;
            openUntil = clock.instant().plus(openDuration);
            LOG.warnf(
                    "Circuit for %s open for %s after %d consecutive transient failures (last: %s): deliveries stall,"
                            + " the consumers wait in place and Kafka fetching pauses; readiness stays up",
                    channel, openDuration, consecutiveFailures, detail);
        }
    }

    public synchronized boolean isOpen() {
        return state != State.CLOSED;
    }

    synchronized State state() {
        return state;
    }

    /** Why deliveries stall, for a log line: content-free. */
    public synchronized String describe() {
        return switch (state) {
            case CLOSED -> "circuit for " + channel + " closed";
            case OPEN ->
                "circuit for " + channel + " open until " + openUntil + " after " + consecutiveFailures
                        + " consecutive transient failures (last: " + lastFailure + ")";
            case HALF_OPEN -> "circuit for " + channel + " half-open, probing";
        };
    }
}
