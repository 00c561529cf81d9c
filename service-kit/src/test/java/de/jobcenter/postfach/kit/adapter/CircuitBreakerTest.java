package de.jobcenter.postfach.kit.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.contracts.Channel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CircuitBreaker circuit = new CircuitBreaker(Channel.EAKTE, 3, Duration.ofSeconds(30), clock, meters);

    private double gauge() {
        return meters.get("postfach.delivery.circuit.open")
                .tag("channel", "EAKTE")
                .gauge()
                .value();
    }

    @Test
    void staysClosedBelowTheThresholdAndASuccessResetsTheCount() {
        circuit.onTransientFailure("HTTP 503");
        circuit.onTransientFailure("HTTP 503");
        circuit.onSuccess();
        circuit.onTransientFailure("HTTP 503");
        circuit.onTransientFailure("HTTP 503");

        assertThat(circuit.admit()).isEqualTo(Duration.ZERO);
        assertThat(circuit.isOpen()).isFalse();
        assertThat(gauge()).isZero();
    }

    @Test
    void opensAfterTheThresholdAndLetsNoAttemptThroughForTheOpenDuration() {
        for (int i = 0; i < 3; i++) {
            circuit.onTransientFailure("HTTP 503");
        }

        assertThat(circuit.isOpen()).isTrue();
        assertThat(gauge()).isEqualTo(1.0);
        assertThat(circuit.admit()).isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(20));
        assertThat(circuit.admit()).isEqualTo(Duration.ofSeconds(10));
        assertThat(circuit.describe()).contains("EAKTE", "open", "HTTP 503");
    }

    @Test
    void letsOneProbeThroughAfterTheWaitAndClosesWhenItSucceeds() {
        for (int i = 0; i < 3; i++) {
            circuit.onTransientFailure("HTTP 503");
        }
        clock.advance(Duration.ofSeconds(30));

        assertThat(circuit.admit()).isEqualTo(Duration.ZERO);
        assertThat(circuit.admit()).isPositive(); // a second caller waits for the probe
        circuit.onSuccess();

        assertThat(circuit.isOpen()).isFalse();
        assertThat(gauge()).isZero();
        assertThat(circuit.admit()).isEqualTo(Duration.ZERO);
    }

    @Test
    void reopensAtOnceWhenTheProbeFails() {
        for (int i = 0; i < 3; i++) {
            circuit.onTransientFailure("HTTP 503");
        }
        clock.advance(Duration.ofSeconds(30));
        assertThat(circuit.admit()).isEqualTo(Duration.ZERO);

        circuit.onTransientFailure("ConnectException");

        assertThat(circuit.admit()).isEqualTo(Duration.ofSeconds(30));
        assertThat(circuit.describe()).contains("ConnectException");
    }

    @Test
    void aPermanentRefusalCountsAsAnAnswer() {
        circuit.onTransientFailure("HTTP 503");
        circuit.onTransientFailure("HTTP 503");
        circuit.onSuccess(); // e.g. 422: the target is up
        circuit.onTransientFailure("HTTP 503");

        assertThat(circuit.isOpen()).isFalse();
    }
}
