package de.jobcenter.postfach.routing.testdata;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Writes what routing-service reads: customer messages as mailbox-api does, configurations as config-service. */
public final class RoutingTopics {
    private RoutingTopics() {}

    public static void submit(String bootstrap, CustomerMessageSubmitted message) {
        TopicProbe.send(
                bootstrap,
                Topics.CUSTOMER_MESSAGES,
                message.partitionKey(),
                EventJson.write(message),
                CloudEventHeaders.forEvent(message, "mailbox-api", Instant.now()));
    }

    public static void publishConfiguration(String bootstrap, OfficeConfigurationActivated configuration) {
        TopicProbe.send(
                bootstrap,
                Topics.OFFICE_CONFIG,
                configuration.officeId(),
                EventJson.write(configuration),
                CloudEventHeaders.forEvent(configuration, "config-service", Instant.now()));
    }

    /** A record on the configuration topic that is not a configuration at all. */
    public static void publishPoisonConfiguration(String bootstrap, String officeId) {
        TopicProbe.send(
                bootstrap,
                Topics.OFFICE_CONFIG,
                officeId,
                ("{\"officeId\": \"" + officeId + "\", \"version\": \"neu\"").getBytes(StandardCharsets.UTF_8),
                Map.of());
    }
}
