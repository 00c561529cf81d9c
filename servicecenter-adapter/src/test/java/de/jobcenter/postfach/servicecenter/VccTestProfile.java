package de.jobcenter.postfach.servicecenter;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A shared secret for tests only; in every real deployment it comes from a Kubernetes Secret. */
public class VccTestProfile implements QuarkusTestProfile {
    static final String SECRET = "test-only-shared-secret";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("postfach.vcc.hmac-secret", SECRET);
    }
}
