package de.jobcenter.postfach.kit.officeconfig;

import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.kit.problem.SafeThrowables;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * This instance's replica of every office's active configuration: rebuilt at start from the compacted topic
 * (read fully by every instance), optionally seeded from config-service's snapshot, and kept current from the
 * topic. A config-service outage never stops it: the topic alone is enough. Switched on per service with the
 * build property {@code postfach.office-config.replica.enabled=true}.
 */
@ApplicationScoped
@IfBuildProperty(name = "postfach.office-config.replica.enabled", stringValue = "true")
public class OfficeConfigReplica {
    private static final Logger LOG = Logger.getLogger(OfficeConfigReplica.class);

    @Inject
    OfficeConfigReplicaConfig config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    MeterRegistry meters;

    private final OfficeConfigurations configurations = new OfficeConfigurations() {
        @Override
        public boolean apply(OfficeConfigurationActivated configuration) {
            boolean applied = super.apply(configuration);
            if (applied) {
                registerVersionGauge(configuration.officeId());
            }
            return applied;
        }
    };
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private volatile boolean topicCaughtUp;
    private volatile boolean snapshotLoaded;
    private volatile boolean running;
    private TopicReplicaReader reader;
    private Thread readerThread;
    private Thread snapshotThread;

    void start(@Observes StartupEvent event) {
        running = true;
        reader = new TopicReplicaReader(
                kafkaConfig,
                config.topic(),
                configurations,
                () -> topicCaughtUp = true,
                officeId -> meters.counter("postfach.office-config.undecodable").increment());
        readerThread = new Thread(reader, "office-config-replica");
        readerThread.setDaemon(true);
        readerThread.start();
        if (config.snapshot().url().isPresent()) {
            snapshotThread = new Thread(this::loadSnapshot, "office-config-snapshot");
            snapshotThread.setDaemon(true);
            snapshotThread.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (reader != null) {
            reader.stop();
        }
        if (snapshotThread != null) {
            snapshotThread.interrupt();
        }
    }

    private void loadSnapshot() {
        SnapshotClient client = new SnapshotClient(config.snapshot());
        long backoff = config.snapshot().retryBackoff().toMillis();
        while (running) {
            try {
                List<OfficeConfigurationActivated> snapshot = client.fetch();
                snapshot.forEach(configurations::apply);
                snapshotLoaded = true;
                LOG.infof("Office configuration snapshot read: %d offices", snapshot.size());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf(
                        "config-service snapshot not available; trying again in %d ms: %s",
                        backoff, SafeThrowables.describe(e));
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, 60_000);
            }
        }
    }

    private void registerVersionGauge(String officeId) {
        if (gauged.add(officeId)) {
            Gauge.builder(
                            "postfach.office-config.version",
                            configurations,
                            c -> c.find(officeId)
                                    .map(OfficeConfigurationActivated::version)
                                    .orElse(0L))
                    .tag("office", officeId)
                    .register(meters);
        }
    }

    /** The active configuration of an office, if this replica knows the office. */
    public Optional<OfficeConfigurationActivated> find(String officeId) {
        return configurations.find(officeId);
    }

    public Collection<OfficeConfigurationActivated> all() {
        return configurations.all();
    }

    /** Whether the replica has read the topic to where it stood at start (and the snapshot, when required). */
    public boolean isLoaded() {
        return topicCaughtUp && (snapshotLoaded || !config.snapshot().required());
    }

    public boolean isSnapshotLoaded() {
        return snapshotLoaded;
    }

    public int size() {
        return configurations.size();
    }
}
