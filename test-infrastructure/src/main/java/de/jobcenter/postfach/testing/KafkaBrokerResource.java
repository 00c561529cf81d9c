package de.jobcenter.postfach.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's {@link KafkaBroker#shared() shared broker}, e.g. with
 * {@code @QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)}.
 * The broker outlives the application: other test classes and profiles of the JVM reuse it.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = KafkaBroker.shared();
        if (!broker.isRunning()) {
            // An earlier test took Kafka away and did not bring it back.
            broker.restart();
        }
        return Map.of(BOOTSTRAP_SERVERS, broker.bootstrapServers());
    }

    @Override
    public void stop() {
        // The shared broker stops when the JVM exits.
    }
}
