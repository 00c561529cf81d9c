package de.jobcenter.postfach.kit.officeconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The replica reader against a real broker: full read, version order, poison records, tombstones, live updates. */
class TopicReplicaReaderTest {
    private final KafkaBroker kafka = KafkaBroker.shared();
    private final String topic = "test.office-config." + UUID.randomUUID();
    private final OfficeConfigurations replica = new OfficeConfigurations();
    private final AtomicBoolean caughtUp = new AtomicBoolean();
    private final List<String> undecodable = new CopyOnWriteArrayList<>();
    private TopicReplicaReader reader;

    @BeforeEach
    void createTopic() {
        kafka.createTopics(Map.of(topic, 2));
    }

    @AfterEach
    void stopReader() {
        if (reader != null) {
            reader.stop();
        }
    }

    private static OfficeConfigurationActivated config(String officeId, long version) {
        return new OfficeConfigurationActivated(
                officeId,
                "Jobcenter " + officeId,
                OfficeType.JOBCENTER,
                LocalDate.of(2026, 1, 1),
                false,
                version,
                Instant.now(),
                List.of(),
                RouteRef.eakte(officeId),
                List.of(),
                null);
    }

    private void publish(OfficeConfigurationActivated c) {
        TopicProbe.send(
                kafka.bootstrapServers(),
                topic,
                c.officeId(),
                EventJson.write(c),
                CloudEventHeaders.forEvent(c, "config-service", Instant.now()));
    }

    private void startReader() {
        reader = new TopicReplicaReader(
                Map.of("bootstrap.servers", kafka.bootstrapServers()),
                topic,
                replica,
                () -> caughtUp.set(true),
                undecodable::add);
        Thread thread = new Thread(reader, "replica-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    @Test
    void readsTheWholeTopicKeepsTheHighestVersionAndSurvivesAPoisonRecord() {
        publish(config("JC-A", 3));
        publish(config("JC-A", 2)); // a late, older record never rolls the office back
        publish(config("JC-B", 1));
        TopicProbe.send(
                kafka.bootstrapServers(), topic, "JC-B", "{not json".getBytes(StandardCharsets.UTF_8), Map.of());

        startReader();

        await().atMost(Duration.ofSeconds(30)).untilTrue(caughtUp);
        assertThat(replica.find("JC-A").orElseThrow().version()).isEqualTo(3);
        assertThat(replica.find("JC-B").orElseThrow().version()).isEqualTo(1);
        assertThat(undecodable).containsExactly("JC-B");
    }

    @Test
    void appliesNewVersionsLiveAndForgetsAnOfficeOnATombstone() {
        startReader();
        await().atMost(Duration.ofSeconds(30)).untilTrue(caughtUp);
        assertThat(replica.size()).isZero();

        publish(config("JC-C", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> replica.find("JC-C").isPresent());
        publish(config("JC-C", 2));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replica.find("JC-C")
                        .map(OfficeConfigurationActivated::version)
                        .orElse(0L)
                        .equals(2L));

        TopicProbe.send(kafka.bootstrapServers(), topic, "JC-C", null, Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> replica.find("JC-C").isEmpty());
    }
}
