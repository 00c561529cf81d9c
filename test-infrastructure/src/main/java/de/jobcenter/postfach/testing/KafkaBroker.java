package de.jobcenter.postfach.testing;

import de.jobcenter.postfach.contracts.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka broker (single KRaft node, broker and controller combined) running inside the
 * current JVM from Kafka's own server jars. Tests of messaging talk to a real broker with real
 * transactions ({@code transaction.version=2}), not to an in-memory connector, and no Docker engine is
 * needed. {@link #stop()} and {@link #restart()} keep port and data, so a test can take Kafka away for a
 * while and watch the clients reconnect.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Partitions of each message topic in the shared broker: enough to show per-key ordering matters. */
    static final int MESSAGE_TOPIC_PARTITIONS = 3;

    private static final String NODE_ID = "1";
    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);

    private static KafkaBroker shared;

    private final Control control;
    private final boolean closeable;

    private KafkaBroker(Control control, boolean closeable) {
        this.control = control;
        this.closeable = closeable;
    }

    /**
     * The management view of a running broker. The shared broker is registered under it in the
     * platform MBean server, so test code in every class loader of the JVM (Quarkus uses one per test
     * profile) drives the same broker. Use the methods of {@link KafkaBroker} instead.
     */
    public interface Control {
        String getBootstrapServers();

        boolean isRunning();

        void stop();

        void restart();
    }

    /**
     * The broker of this JVM: started on the first call with every topic of {@link Topics} created
     * (message topics with {@value #MESSAGE_TOPIC_PARTITIONS} partitions; compacted topics and dead-letter
     * topics with one), and stopped with its data deleted when the JVM exits.
     */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            Control control = JvmShared.getOrCreate("KafkaBroker", Control.class, KafkaBroker::startShared);
            shared = new KafkaBroker(control, false);
        }
        return shared;
    }

    /**
     * A broker for a standalone process (the local stack): clients connect to {@code localhost:port};
     * {@code dataDir} is formatted on first use and kept, so a second start finds its topics and records.
     * Every topic of {@link Topics} is created if missing. {@link #close()} stops it.
     */
    public static KafkaBroker start(int port, Path dataDir) {
        Embedded embedded = Embedded.start(port, dataDir, false);
        KafkaBroker broker = new KafkaBroker(embedded, true);
        broker.createTopics(standardTopics());
        return broker;
    }

    /** Runs a broker in its own process: {@code KafkaBroker [port [dataDir]]}, defaults 9092 and {@code target/kafka-data}. */
    public static void main(String[] args) throws InterruptedException {
        QuietLogging.standalone();
        int port = args.length > 0 ? Integer.parseInt(args[0]) : envInt("KAFKA_PORT", 9092);
        Path dataDir = Path.of(args.length > 1 ? args[1] : "target/kafka-data");
        KafkaBroker broker = start(port, dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
        System.out.println(
                "Kafka broker ready at " + broker.bootstrapServers() + ", data in " + dataDir.toAbsolutePath());
        Thread.currentThread().join();
    }

    /** Value for {@code kafka.bootstrap.servers}. */
    public String bootstrapServers() {
        return control.getBootstrapServers();
    }

    public boolean isRunning() {
        return control.isRunning();
    }

    /**
     * Creates the topics that do not exist yet, with replication factor 1; the topics {@link
     * Topics#compacted()} names get {@code cleanup.policy=compact}. Returns when every partition has a leader.
     */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        runWithKafkaClassLoader(() -> createTopicsWithAdmin(partitionsByTopic));
    }

    private void createTopicsWithAdmin(Map<String, Integer> partitionsByTopic) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "postfach-test-topic-setup"))) {
            List<NewTopic> topics = new ArrayList<>();
            partitionsByTopic.forEach((name, partitions) -> {
                NewTopic topic = new NewTopic(name, partitions, (short) 1);
                if (Topics.compacted().contains(name)) {
                    topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                }
                topics.add(topic);
            });
            for (Map.Entry<String, KafkaFuture<Void>> created :
                    admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get(TOPIC_READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + created.getKey(), e.getCause());
                    }
                }
            }
            awaitLeaders(admin, partitionsByTopic.keySet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Topics not created within " + TOPIC_READY_TIMEOUT, e);
        }
    }

    /**
     * Stops the broker but keeps its port and data, as if the Kafka cluster went away: clients see
     * connection failures until {@link #restart()}.
     */
    public void stop() {
        control.stop();
    }

    /** Starts the broker again on the same port with the same data (stopping it first if it runs). */
    public void restart() {
        control.restart();
    }

    /**
     * Stops a broker from {@link #start(int, Path)} for good. The shared broker ignores this: it lives
     * until the JVM exits, because other tests of the JVM use it.
     */
    @Override
    public void close() {
        if (closeable) {
            ((Embedded) control).close();
        }
    }

    /** The standard topic set: message topics, compacted topics and every dead-letter topic. */
    static Map<String, Integer> standardTopics() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (String topic : Topics.allWithDeadLetterTopics()) {
            boolean single = Topics.compacted().contains(topic) || !Topics.all().contains(topic);
            topics.put(topic, single ? 1 : MESSAGE_TOPIC_PARTITIONS);
        }
        return topics;
    }

    private static Control startShared() {
        // A fatal error inside the broker must fail the test, not halt the test JVM.
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("Kafka broker asked to exit the JVM (" + status + "): " + message);
        });
        Exit.setHaltProcedure((status, message) -> {
            throw new IllegalStateException("Kafka broker asked to halt the JVM (" + status + "): " + message);
        });
        Embedded embedded = Embedded.start(Ports.free(), newScratchDirectory(), true);
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "kafka-broker-stop"));
        new KafkaBroker(embedded, false).createTopics(standardTopics());
        return embedded;
    }

    private static Path newScratchDirectory() {
        try {
            Path target = Path.of("target");
            Path base = Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
            return Files.createTempDirectory(base.toAbsolutePath(), "kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Kafka log directory", e);
        }
    }

    private static void awaitLeaders(Admin admin, java.util.Collection<String> topicNames)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> descriptions =
                        admin.describeTopics(topicNames).allTopicNames().get(5, TimeUnit.SECONDS);
                boolean ready = descriptions.values().stream()
                        .flatMap(description -> description.partitions().stream())
                        .map(TopicPartitionInfo::leader)
                        .allMatch(leader -> leader != null && !leader.isEmpty());
                if (ready) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // Metadata not propagated yet: ask again.
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("No leader for every partition of " + topicNames);
            }
            Thread.sleep(100);
        }
    }

    /**
     * Runs Kafka code with this class's loader as context class loader. Kafka loads classes named in
     * its configuration through the context class loader; in a Quarkus test that may be another loader
     * than the one holding Kafka's classes, and the classes would not fit together. Threads Kafka starts
     * here inherit the right loader.
     */
    private static <T> T withKafkaClassLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaBroker.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void runWithKafkaClassLoader(Runnable action) {
        withKafkaClassLoader(() -> {
            action.run();
            return null;
        });
    }

    private static int envInt(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    /** The broker process inside this JVM: Kafka's {@link KafkaRaftServer} and its fixed configuration. */
    private static final class Embedded implements Control {

        private final int port;
        private final Path dataDir;
        private final boolean deleteDataOnClose;
        private final KafkaConfig config;
        private KafkaRaftServer server;

        private Embedded(int port, Path dataDir, boolean deleteDataOnClose) {
            this.port = port;
            this.dataDir = dataDir.toAbsolutePath();
            this.deleteDataOnClose = deleteDataOnClose;
            this.config = new KafkaConfig(properties(port, Ports.free(), this.dataDir), false);
        }

        static Embedded start(int port, Path dataDir, boolean deleteDataOnClose) {
            QuietLogging.apply();
            return withKafkaClassLoader(() -> {
                Embedded embedded = new Embedded(port, dataDir, deleteDataOnClose);
                embedded.formatIfNew();
                embedded.startServer();
                return embedded;
            });
        }

        private static Properties properties(int port, int controllerPort, Path dataDir) {
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", NODE_ID);
            props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
            props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("log.dirs", dataDir.toString());
            props.put("num.partitions", "1");
            props.put("default.replication.factor", "1");
            props.put("min.insync.replicas", "1");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "5");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("transaction.state.log.num.partitions", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            // The log cleaner (compacted topics) reserves this much heap; the default is 128 MiB.
            props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
            props.put("log.cleaner.backoff.ms", "1000");
            return props;
        }

        private void formatIfNew() {
            if (Files.exists(dataDir.resolve("meta.properties"))) {
                return;
            }
            try {
                Files.createDirectories(dataDir);
                new Formatter()
                        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                        .setNodeId(config.nodeId())
                        .setClusterId(Uuid.randomUuid().toString())
                        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                        .setUnstableFeatureVersionsEnabled(false)
                        .setControllerListenerName(
                                config.controllerListenerNames().get(0))
                        .setMetadataLogDirectory(config.metadataLogDir())
                        .setHasDynamicQuorum(false)
                        .addDirectory(dataDir.toString())
                        .run();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot format the Kafka log directory " + dataDir, e);
            }
        }

        private synchronized void startServer() {
            runWithKafkaClassLoader(() -> {
                KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
                try {
                    starting.startup();
                } catch (RuntimeException e) {
                    starting.shutdown();
                    starting.awaitShutdown();
                    throw new IllegalStateException("Kafka broker did not start on port " + port, e);
                }
                server = starting;
            });
        }

        @Override
        public String getBootstrapServers() {
            return "localhost:" + port;
        }

        @Override
        public synchronized boolean isRunning() {
            return server != null;
        }

        @Override
        public synchronized void stop() {
            if (server != null) {
                KafkaRaftServer stopping = server;
                runWithKafkaClassLoader(() -> {
                    stopping.shutdown();
                    stopping.awaitShutdown();
                });
                server = null;
            }
        }

        @Override
        public synchronized void restart() {
            stop();
            startServer();
        }

        synchronized void close() {
            stop();
            if (deleteDataOnClose) {
                deleteRecursively(dataDir);
            }
        }

        private static void deleteRecursively(Path dir) {
            if (!Files.exists(dir)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete " + dir, e);
            }
        }
    }
}
