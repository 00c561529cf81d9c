package de.jobcenter.postfach.kit.deadletter;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.kit.problem.SafeThrowables;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Puts the records of a dead-letter topic back onto the topics they came from, for an operator once the cause is
 * fixed (the target is back, a configuration corrected). Only the records the dead-letter topic holds when the run
 * starts are replayed (up to its end offsets then), each with its original key, value and headers (CloudEvents,
 * {@code traceparent}) minus the {@code dead-letter-*} headers, plus {@value DeadLetterHeaders#REPLAYED_FROM}. The
 * original topic is the {@value DeadLetterHeaders#TOPIC} header, else the dead-letter topic's name without
 * {@code .dlq}.
 *
 * <p>Progress is committed in a consumer group of its own (default {@value #DEFAULT_GROUP}) in the same Kafka
 * transaction as the replayed records (transactional id {@code <group>.<topic>}), so each dead letter is replayed
 * once, a second run replays only what was dead-lettered since, and a second run started while one is still going
 * fences the first. Consumers and targets deduplicate on the message id in any case.
 *
 * <pre>
 * java -cp '&lt;app&gt;/lib/main/*:&lt;app&gt;/app/*' de.jobcenter.postfach.kit.deadletter.DeadLetterReplay \
 *     --bootstrap-servers kafka:9092 --topic postfach.routed.eakte.dlq [--group postfach-dlq-replay] \
 *     [--dry-run] [--property security.protocol=SSL ...]
 * </pre>
 */
public final class DeadLetterReplay {
    public static final String DEFAULT_GROUP = "postfach-dlq-replay";
    public static final String DLQ_SUFFIX = ".dlq";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    private static final int REASON_MAX = 300;

    private DeadLetterReplay() {}

    /** What to replay and how to reach the broker. */
    public record Options(
            String bootstrapServers,
            String topic,
            String group,
            boolean dryRun,
            Map<String, String> clientProperties,
            Duration timeout) {

        public Options {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("--bootstrap-servers is required");
            }
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException(
                        "--topic is required (a dead-letter topic, e.g. " + "postfach.routed.eakte.dlq)");
            }
            group = group == null || group.isBlank() ? DEFAULT_GROUP : group;
            clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
            timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        }

        public static Options of(String bootstrapServers, String topic) {
            return new Options(bootstrapServers, topic, null, false, Map.of(), null);
        }

        public Options withGroup(String group) {
            return new Options(bootstrapServers, topic, group, dryRun, clientProperties, timeout);
        }

        public Options withDryRun(boolean dryRun) {
            return new Options(bootstrapServers, topic, group, dryRun, clientProperties, timeout);
        }

        /** The command line: {@code --bootstrap-servers}, {@code --topic}, {@code --group}, {@code --dry-run},
         * {@code --property key=value} (repeatable, any Kafka client setting such as TLS or SASL), {@code --timeout}
         * (ISO-8601, e.g. PT5M). */
        public static Options parse(String... args) {
            String bootstrap = null;
            String topic = null;
            String group = null;
            boolean dryRun = false;
            Duration timeout = null;
            Map<String, String> properties = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--bootstrap-servers" -> bootstrap = value(args, ++i, arg);
                    case "--topic" -> topic = value(args, ++i, arg);
                    case "--group" -> group = value(args, ++i, arg);
                    case "--dry-run" -> dryRun = true;
                    case "--timeout" -> timeout = Duration.parse(value(args, ++i, arg));
                    case "--property" -> {
                        String property = value(args, ++i, arg);
                        int eq = property.indexOf('=');
                        if (eq < 1) {
                            throw new IllegalArgumentException("--property expects key=value");
                        }
                        properties.put(property.substring(0, eq), property.substring(eq + 1));
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            return new Options(bootstrap, topic, group, dryRun, properties, timeout);
        }

        private static String value(String[] args, int i, String name) {
            if (i >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i];
        }
    }

    /**
     * One record put back (or, in a dry run, that would be).
     *
     * @param from {@code <dlq>-<partition>@<offset>}
     * @param subject the CloudEvents subject: the message or office id
     * @param reason the content-free dead-letter reason, shortened
     */
    public record Replayed(String from, String target, String subject, String reason) {}

    public record Result(String topic, boolean dryRun, List<Replayed> records) {
        public int count() {
            return records.size();
        }

        public Map<String, Integer> countByTarget() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            records.forEach(r -> counts.merge(r.target(), 1, Integer::sum));
            return counts;
        }
    }

    /** The topic a dead-lettered record came from. */
    public static String originalTopic(ConsumerRecord<byte[], byte[]> record) {
        String header = text(record.headers(), DeadLetterHeaders.TOPIC);
        if (header != null && !header.isBlank()) {
            return header;
        }
        if (record.topic().endsWith(DLQ_SUFFIX) && record.topic().length() > DLQ_SUFFIX.length()) {
            return record.topic().substring(0, record.topic().length() - DLQ_SUFFIX.length());
        }
        throw new IllegalStateException("Cannot tell where " + record.topic() + "-" + record.partition() + "@"
                + record.offset() + " came from: no " + DeadLetterHeaders.TOPIC + " header and no "
                + DLQ_SUFFIX + " suffix");
    }

    /** The record's headers for the replay: the original ones, without any {@code dead-letter-*}. */
    public static Headers replayHeaders(ConsumerRecord<byte[], byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!DeadLetterHeaders.isDeadLetterHeader(header.key())
                    && !DeadLetterHeaders.REPLAYED_FROM.equals(header.key())) {
                headers.add(header);
            }
        }
        headers.add(
                DeadLetterHeaders.REPLAYED_FROM,
                (record.topic() + "-" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** Replays the dead-letter topic up to its end offsets at start. */
    public static Result replay(Options options) {
        List<Replayed> replayed = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                        options.dryRun() ? null : new KafkaProducer<>(producerProperties(options));
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(options))) {
            if (producer != null) {
                // fences a replay of the same topic still running elsewhere before reading where the last one got to
                producer.initTransactions();
            }
            List<PartitionInfo> infos = consumer.partitionsFor(options.topic(), Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("The topic " + options.topic() + " does not exist");
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(options.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + options.timeout().toNanos();
            List<TopicPartition> open = pending(consumer, partitions, end);
            while (!open.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Replay of " + options.topic() + " did not finish within "
                            + options.timeout() + "; " + replayed.size() + " records replayed and committed so far");
                }
                Map<TopicPartition, OffsetAndMetadata> progress = new HashMap<>();
                List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
                List<Replayed> listed = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue; // dead-lettered after the run began: the next run's
                    }
                    String target = originalTopic(record);
                    batch.add(new ProducerRecord<>(target, null, record.key(), record.value(), replayHeaders(record)));
                    listed.add(new Replayed(
                            record.topic() + "-" + record.partition() + "@" + record.offset(),
                            target,
                            text(record.headers(), CloudEventHeaders.SUBJECT),
                            shorten(text(record.headers(), DeadLetterHeaders.REASON))));
                    progress.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
                if (producer != null && !progress.isEmpty()) {
                    // the records and the group's progress in one transaction: each dead letter is replayed once
                    producer.beginTransaction();
                    batch.forEach(producer::send);
                    producer.sendOffsetsToTransaction(progress, consumer.groupMetadata());
                    producer.commitTransaction();
                }
                replayed.addAll(listed);
                open = pending(consumer, partitions, end);
                List<TopicPartition> done = new ArrayList<>(partitions);
                done.removeAll(open);
                consumer.pause(done);
            }
            return new Result(options.topic(), options.dryRun(), List.copyOf(replayed));
        } catch (KafkaException e) {
            // an open transaction is aborted when the producer closes: nothing of the failed batch was published
            throw new IllegalStateException(
                    "Replay of " + options.topic() + " stopped after " + replayed.size()
                            + " committed records; the rest stays for the next run: " + SafeThrowables.describe(e),
                    e);
        }
    }

    /**
     * The command; exit code 0 on success, 1 on failure, 2 on a usage error. The Kafka clients' own logging is off
     * unless {@code -Dslf4j.provider=...} names a logging provider: the command says itself what it did.
     */
    public static void main(String[] args) {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        }
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (RuntimeException e) {
            err.println("DeadLetterReplay: " + e.getMessage());
            err.println("Usage: DeadLetterReplay --bootstrap-servers <host:port> --topic <topic>.dlq"
                    + " [--group <group>] [--dry-run] [--property key=value]... [--timeout PT5M]");
            return 2;
        }
        try {
            Result result = replay(options);
            for (Replayed record : result.records()) {
                out.printf(
                        "%s %s -> %s (subject %s; reason: %s)%n",
                        result.dryRun() ? "would replay" : "replayed",
                        record.from(),
                        record.target(),
                        record.subject(),
                        record.reason());
            }
            out.printf(
                    "%s %d record(s) from %s: %s%n",
                    result.dryRun() ? "Dry run, would replay" : "Replayed",
                    result.count(),
                    options.topic(),
                    result.countByTarget());
            return 0;
        } catch (RuntimeException e) {
            err.println("DeadLetterReplay failed: " + e.getMessage());
            return 1;
        }
    }

    private static List<TopicPartition> pending(
            KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        return partitions.stream()
                .filter(p -> consumer.position(p) < end.get(p))
                .toList();
    }

    private static Properties consumerProperties(Options options) {
        Properties props = new Properties();
        props.putAll(options.clientProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, options.group());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "postfach-dlq-replay");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    private static Properties producerProperties(Options options) {
        Properties props = new Properties();
        props.putAll(options.clientProperties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, options.group() + "." + options.topic());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "postfach-dlq-replay");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String shorten(String reason) {
        if (reason == null) {
            return "-";
        }
        String oneLine = reason.replaceAll("\\s+", " ");
        return oneLine.length() > REASON_MAX ? oneLine.substring(0, REASON_MAX) + "…" : oneLine;
    }
}
