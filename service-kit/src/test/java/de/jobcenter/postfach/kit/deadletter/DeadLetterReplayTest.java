package de.jobcenter.postfach.kit.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.TopicProbe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The replay command against a real broker: what goes back where, with which headers, and only once. */
class DeadLetterReplayTest {
    private final KafkaBroker kafka = KafkaBroker.shared();
    private final String original = "test.replay." + UUID.randomUUID();
    private final String dlq = original + ".dlq";
    private final String group = "replay-test-" + UUID.randomUUID();

    @BeforeEach
    void createTopics() {
        kafka.createTopics(Map.of(original, 3, dlq, 1));
    }

    private void deadLetter(String key, String value, String reason, boolean withTopicHeader) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", UUID.randomUUID().toString());
        headers.put("ce_type", "de.jobcenter.postfach.MessageRouted.v1");
        headers.put("ce_subject", key);
        headers.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        headers.put("dead-letter-reason", reason);
        headers.put("dead-letter-exception-class-name", "de.jobcenter.postfach.kit.consumer.ProcessingFailedException");
        headers.put("dead-letter-partition", "2");
        headers.put("dead-letter-offset", "17");
        if (withTopicHeader) {
            headers.put("dead-letter-topic", original);
        }
        TopicProbe.send(kafka.bootstrapServers(), dlq, key, value.getBytes(StandardCharsets.UTF_8), headers);
    }

    private DeadLetterReplay.Options options() {
        return DeadLetterReplay.Options.of(kafka.bootstrapServers(), dlq).withGroup(group);
    }

    @Test
    void putsEveryDeadLetteredRecordBackWithKeyValueAndCloudEventsHeadersButNoDeadLetterHeaders() {
        deadLetter("conv-1", "{\"n\":1}", "Not delivered: retry budget spent", true);
        deadLetter("conv-2", "{\"n\":2}", "The target refused the message: HTTP 422", false);

        try (TopicProbe probe = TopicProbe.fromNow(kafka.bootstrapServers(), original)) {
            var result = DeadLetterReplay.replay(options());

            assertThat(result.count()).isEqualTo(2);
            assertThat(result.countByTarget()).containsExactly(Map.entry(original, 2));
            var records = probe.await(r -> true, 2, Duration.ofSeconds(30));
            assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("conv-1", "conv-2");
            var first = records.stream()
                    .filter(r -> r.key().equals("conv-1"))
                    .findFirst()
                    .orElseThrow();
            assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
            assertThat(TopicProbe.header(first, "ce_type")).isEqualTo("de.jobcenter.postfach.MessageRouted.v1");
            assertThat(TopicProbe.header(first, "traceparent")).startsWith("00-0af7651916cd43dd");
            assertThat(TopicProbe.header(first, DeadLetterHeaders.REPLAYED_FROM))
                    .startsWith(dlq + "-0@");
            assertThat(first.headers().toArray())
                    .extracting(h -> h.key())
                    .noneMatch(DeadLetterHeaders::isDeadLetterHeader);
        }
    }

    @Test
    void aSecondRunReplaysOnlyWhatWasDeadLetteredSince() {
        deadLetter("conv-1", "{\"n\":1}", "reason", true);
        assertThat(DeadLetterReplay.replay(options()).count()).isEqualTo(1);

        assertThat(DeadLetterReplay.replay(options()).count()).isZero();

        deadLetter("conv-3", "{\"n\":3}", "reason", true);
        var third = DeadLetterReplay.replay(options());
        assertThat(third.records())
                .extracting(DeadLetterReplay.Replayed::subject)
                .containsExactly("conv-3");
    }

    @Test
    void aDryRunListsWithoutReplayingOrCommitting() {
        deadLetter("conv-1", "{\"n\":1}", "The target refused the message: HTTP 422", true);

        try (TopicProbe probe = TopicProbe.fromNow(kafka.bootstrapServers(), original)) {
            var dry = DeadLetterReplay.replay(options().withDryRun(true));

            assertThat(dry.records())
                    .singleElement()
                    .satisfies(r -> assertThat(r.reason()).isEqualTo("The target refused the message: HTTP 422"));
            assertThat(probe.drain(Duration.ofSeconds(2))).isEmpty();
        }
        assertThat(DeadLetterReplay.replay(options()).count()).isEqualTo(1);
    }

    @Test
    void theCommandReplaysAndSaysWhatItDid() {
        deadLetter("conv-1", "{\"n\":1}", "Not delivered", true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = DeadLetterReplay.run(
                new String[] {"--bootstrap-servers", kafka.bootstrapServers(), "--topic", dlq, "--group", group},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("replayed " + dlq + "-0@0 -> " + original)
                .contains("Replayed 1 record(s)");
    }

    @Test
    void theCommandExplainsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = DeadLetterReplay.run(
                new String[] {"--topic", dlq},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--bootstrap-servers is required", "Usage:");
    }

    @Test
    void parsesClientPropertiesForSecuredBrokers() {
        var options = DeadLetterReplay.Options.parse(
                "--bootstrap-servers",
                "kafka:9093",
                "--topic",
                "postfach.routed.eakte.dlq",
                "--property",
                "security.protocol=SSL",
                "--dry-run",
                "--timeout",
                "PT1M");

        assertThat(options.clientProperties()).containsEntry("security.protocol", "SSL");
        assertThat(options.group()).isEqualTo(DeadLetterReplay.DEFAULT_GROUP);
        assertThat(options.dryRun()).isTrue();
        assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> DeadLetterReplay.Options.parse("--property", "novalue"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(options.topic())).containsExactly("postfach.routed.eakte.dlq");
    }
}
