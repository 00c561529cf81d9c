package de.jobcenter.postfach.servicecenter;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A shared secret for tests only (in every real deployment it comes from a Kubernetes Secret), and a short retry
 * shape so the tests see backoff, the circuit breaker and the retry budget within seconds.
 */
public class VccTestProfile implements QuarkusTestProfile {
    static final String SECRET = "test-only-shared-secret";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "postfach.vcc.hmac-secret", SECRET,
                "postfach.vcc.config-wait", "2s",
                "postfach.vcc.delivery.initial-backoff", "100ms",
                "postfach.vcc.delivery.max-backoff", "400ms",
                "postfach.vcc.delivery.max-attempts", "6",
                "postfach.vcc.delivery.max-age", "2m",
                "postfach.vcc.delivery.circuit.failure-threshold", "3",
                "postfach.vcc.delivery.circuit.open-duration", "2s");
    }
}
