package de.jobcenter.postfach.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A service's {@code src/main/resources/application.properties} as it is now, seen as production sees it:
 * un-prefixed keys, overridden by {@code %prod.} keys; other profiles are ignored. Read at test time, so the
 * checks follow the services as they change.
 */
record ServiceConfiguration(String service, Path file, Map<String, String> properties) {

    private static final Pattern CHANNEL_KEY = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");
    private static final String SMALLRYE_KAFKA = "smallrye-kafka";
    /** OfficeConfigReplicaConfig's default topic (service-kit), used when a replica names none. */
    private static final String OFFICE_CONFIG_DEFAULT_TOPIC = "postfach.office-config";

    /** Every module at the repository root that is a Quarkus application (names quarkus.application.name). */
    static Map<String, ServiceConfiguration> all(Path root) {
        Map<String, ServiceConfiguration> services = new TreeMap<>();
        try (Stream<Path> modules = Files.list(root)) {
            modules.map(module -> module.resolve("src/main/resources/application.properties"))
                    .filter(Files::isRegularFile)
                    .map(ServiceConfiguration::read)
                    .filter(configuration ->
                            configuration.get("quarkus.application.name").isPresent())
                    .forEach(configuration -> services.put(configuration.service(), configuration));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return services;
    }

    static ServiceConfiguration read(Path file) {
        Properties raw = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            raw.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> production = new TreeMap<>();
        raw.stringPropertyNames().stream()
                .filter(key -> !key.startsWith("%"))
                .forEach(key -> production.put(key, raw.getProperty(key).trim()));
        raw.stringPropertyNames().stream()
                .filter(key -> key.startsWith("%prod."))
                .forEach(key -> production.put(
                        key.substring("%prod.".length()), raw.getProperty(key).trim()));
        String module = file.getParent()
                .getParent()
                .getParent()
                .getParent()
                .getFileName()
                .toString();
        return new ServiceConfiguration(module, file, Map.copyOf(production));
    }

    /** A property with simple expressions ({@code ${key}}, {@code ${key:default}}) resolved. */
    Optional<String> get(String key) {
        String value = properties.get(key);
        return value == null ? Optional.empty() : Optional.of(resolve(value, 0));
    }

    boolean has(String key) {
        return properties.containsKey(key);
    }

    private String resolve(String value, int depth) {
        if (depth > 10) {
            throw new IllegalStateException(file + ": expressions nest too deeply in " + value);
        }
        Matcher matcher = EXPRESSION.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String replacement = properties.get(matcher.group(1));
            if (replacement == null) {
                replacement = matcher.group(2);
            }
            if (replacement == null) {
                throw new IllegalStateException(file + ": cannot resolve ${" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(resolve(replacement, depth + 1)));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    /** The Kafka channels (incoming and outgoing) with the smallrye-kafka connector. */
    Set<String> kafkaChannels() {
        Set<String> channels = new TreeSet<>();
        properties.forEach((key, value) -> {
            Matcher matcher = CHANNEL_KEY.matcher(key);
            if (matcher.matches() && matcher.group(3).equals("connector") && value.equals(SMALLRYE_KAFKA)) {
                channels.add(matcher.group(1) + "." + matcher.group(2));
            }
        });
        return channels;
    }

    boolean usesKafka() {
        return !kafkaChannels().isEmpty()
                || has("kafka.bootstrap.servers")
                || get("postfach.office-config.replica.enabled")
                        .map("true"::equals)
                        .orElse(false);
    }

    boolean usesDatasource() {
        return has("quarkus.datasource.db-kind") || has("quarkus.datasource.jdbc.url");
    }

    boolean usesOidc() {
        return has("quarkus.oidc.auth-server-url")
                && !get("quarkus.oidc.tenant-enabled").map("false"::equals).orElse(false);
    }

    /**
     * Every Kafka topic this configuration names, each with the key (or rule) that names it:
     * <ul>
     *   <li>{@code mp.messaging.(incoming|outgoing).<channel>.topic} and {@code .topics} (comma-separated);
     *   <li>a smallrye-kafka channel without {@code topic}/{@code topics}: the channel's name (SmallRye's default);
     *   <li>{@code <channel>.dead-letter-queue.topic}; a channel with {@code failure-strategy=dead-letter-queue} but
     *       without it: SmallRye's default {@code dead-letter-topic-<channel>};
     *   <li>{@code <channel>.delayed-retry-topic.topics};
     *   <li>any other key whose last segment is {@code topic} or {@code topics} (e.g.
     *       {@code postfach.office-config.topic});
     *   <li>an office-configuration replica ({@code postfach.office-config.replica.enabled=true}) without a topic:
     *       service-kit's default {@code postfach.office-config}.
     * </ul>
     * A channel that subscribes by {@code pattern=true} cannot be checked and is reported by {@link #problems()}.
     */
    Map<String, List<String>> topics() {
        Map<String, List<String>> topics = new TreeMap<>();
        for (String channel : kafkaChannels()) {
            String prefix = "mp.messaging." + channel + ".";
            String name = channel.substring(channel.indexOf('.') + 1);
            if (!has(prefix + "topic") && !has(prefix + "topics")) {
                add(topics, name, prefix + "connector (no topic: the channel's name)");
            }
            if (get(prefix + "failure-strategy")
                            .map("dead-letter-queue"::equals)
                            .orElse(false)
                    && !has(prefix + "dead-letter-queue.topic")) {
                add(topics, "dead-letter-topic-" + name, prefix + "failure-strategy (SmallRye's default DLQ name)");
            }
        }
        for (String key : properties.keySet()) {
            if (key.endsWith(".topic") || key.endsWith(".topics")) {
                for (String topic : get(key).orElseThrow().split(",")) {
                    if (!topic.isBlank()) {
                        add(topics, topic.trim(), key);
                    }
                }
            }
        }
        if (get("postfach.office-config.replica.enabled").map("true"::equals).orElse(false)
                && !has("postfach.office-config.topic")) {
            add(topics, OFFICE_CONFIG_DEFAULT_TOPIC, "postfach.office-config.replica.enabled (service-kit default)");
        }
        return topics;
    }

    /** What this configuration says that the topic check cannot follow. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String channel : kafkaChannels()) {
            if (get("mp.messaging." + channel + ".pattern").map("true"::equals).orElse(false)) {
                problems.add(service + ": channel " + channel + " subscribes by pattern; name its topics instead");
            }
        }
        return problems;
    }

    private static void add(Map<String, List<String>> topics, String topic, String source) {
        topics.computeIfAbsent(topic, t -> new ArrayList<>()).add(source);
    }

    /** Splits {@code a,b} into its parts; used for comma-separated settings such as accepted acr values. */
    static List<String> list(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
