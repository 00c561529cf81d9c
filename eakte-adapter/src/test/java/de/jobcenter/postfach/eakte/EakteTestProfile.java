package de.jobcenter.postfach.eakte;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A short retry shape, so the tests see backoff, the circuit breaker and the retry budget within seconds: six
 * attempts, the circuit opening after three consecutive failures for two seconds.
 */
public class EakteTestProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "postfach.eakte.delivery.initial-backoff", "100ms",
                "postfach.eakte.delivery.max-backoff", "400ms",
                "postfach.eakte.delivery.max-attempts", "6",
                "postfach.eakte.delivery.max-age", "2m",
                "postfach.eakte.delivery.circuit.failure-threshold", "3",
                "postfach.eakte.delivery.circuit.open-duration", "2s");
    }
}
