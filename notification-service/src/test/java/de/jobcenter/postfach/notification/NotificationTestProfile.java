package de.jobcenter.postfach.notification;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Short retries, so that an SMTP outage and a spent retry budget fit into a test: the budget is 15 s of attempts
 * 100 ms to 400 ms apart, long enough for an outage the test ends within a second or two on a busy machine. GreenMail speaks plain SMTP. Every {@code @QuarkusTest} of the module uses this profile
 * (one application start).
 */
public class NotificationTestProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.timeout", "3s",
                "postfach.notification.send-timeout", "5s",
                "postfach.notification.retry.initial-backoff", "100ms",
                "postfach.notification.retry.max-backoff", "400ms",
                "postfach.notification.retry.max-attempts", "1000",
                "postfach.notification.retry.max-duration", "15s");
    }
}
