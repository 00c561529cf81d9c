package de.jobcenter.postfach.routing;

import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.testing.KafkaBrokerResource;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Records in, the right records out, on the right topics, with the right headers, inside a transaction. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class RoutingFlowTest {
    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static CustomerMessageSubmitted message() {
        return new CustomerMessageSubmitted(
                UUID.randomUUID(),
                UUID.randomUUID(),
                null,
                "customer-1",
                "123D456789",
                "JC-BERLIN-MITTE",
                "PROCESSING_STATUS",
                "Stand meines Antrags",
                "Wie ist der Stand?",
                false,
                null,
                Instant.now());
    }

    private static void submit(CustomerMessageSubmitted m) {
        TopicProbe.send(
                bootstrap(),
                Topics.CUSTOMER_MESSAGES,
                m.partitionKey(),
                EventJson.write(m),
                CloudEventHeaders.forEvent(m, "mailbox-api", Instant.now()));
    }

    @Test
    void routesACustomerMessageToEakteAndReportsRouted() {
        CustomerMessageSubmitted m = message();
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.ROUTED_EAKTE, Topics.DELIVERY_STATUS)) {
            submit(m);
            String id = m.messageId().toString();
            var records = probe.await(r -> TopicProbe.valueContains(r, id), 2, Duration.ofSeconds(30));

            var routedRecord = records.stream()
                    .filter(r -> r.topic().equals(Topics.ROUTED_EAKTE))
                    .findFirst()
                    .orElseThrow();
            MessageRouted routed = EventJson.read(routedRecord.value(), MessageRouted.class);
            assertThat(routed.messageId()).isEqualTo(m.messageId());
            assertThat(routed.route().channel()).isEqualTo(Channel.EAKTE);
            assertThat(routed.route().officeId()).isEqualTo("JC-BERLIN-MITTE");
            assertThat(routed.body()).isEqualTo(m.body());
            assertThat(routedRecord.key()).isEqualTo(m.conversationId().toString());
            assertThat(TopicProbe.header(routedRecord, CloudEventHeaders.TYPE))
                    .isEqualTo("de.jobcenter.postfach.MessageRouted.v1");
            assertThat(TopicProbe.header(routedRecord, CloudEventHeaders.SOURCE))
                    .isEqualTo("/postfach/routing-service");

            var statusRecord = records.stream()
                    .filter(r -> r.topic().equals(Topics.DELIVERY_STATUS))
                    .findFirst()
                    .orElseThrow();
            DeliveryStatusChanged status = EventJson.read(statusRecord.value(), DeliveryStatusChanged.class);
            assertThat(status.status()).isEqualTo(DeliveryStatus.ROUTED);
            assertThat(status.channel()).isEqualTo(Channel.EAKTE);
            assertThat(statusRecord.key()).isEqualTo(id);
        }
    }

    @Test
    void anUndecodableRecordGoesToTheDeadLetterTopicAndTheNextOneIsStillRouted() {
        String poisonKey = UUID.randomUUID().toString();
        CustomerMessageSubmitted next = message();
        try (TopicProbe probe =
                TopicProbe.fromNow(bootstrap(), Topics.dlq(Topics.CUSTOMER_MESSAGES), Topics.ROUTED_EAKTE)) {
            TopicProbe.send(
                    bootstrap(),
                    Topics.CUSTOMER_MESSAGES,
                    poisonKey,
                    "{\"messageId\": \"not-a-uuid\", \"subject\": \"GEHEIM-CANARY\"".getBytes(StandardCharsets.UTF_8),
                    Map.of());
            submit(next);

            var dead = probe.await(
                    r -> r.topic().equals(Topics.dlq(Topics.CUSTOMER_MESSAGES)) && poisonKey.equals(r.key()),
                    1,
                    Duration.ofSeconds(30));
            String reason = TopicProbe.header(dead.get(0), "dead-letter-reason");
            assertThat(reason).isNotBlank().doesNotContain("GEHEIM-CANARY");
            assertThat(TopicProbe.header(dead.get(0), "dead-letter-topic")).isEqualTo(Topics.CUSTOMER_MESSAGES);

            probe.await(
                    r -> r.topic().equals(Topics.ROUTED_EAKTE)
                            && TopicProbe.valueContains(r, next.messageId().toString()),
                    1,
                    Duration.ofSeconds(30));
        }
    }
}
