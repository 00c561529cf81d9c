package de.jobcenter.postfach.eakte;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Publishes the offices the tests use to {@code postfach.office-config} before the adapter starts, as config-service
 * would: one live office, one not yet live, one suspended.
 */
public class OfficeConfigResource implements QuarkusTestResourceLifecycleManager {
    public static final String LIVE = "JC-BERLIN-MITTE";
    public static final String NOT_YET_LIVE = "JC-ZUKUNFT";
    public static final String SUSPENDED = "JC-AUSGESETZT";

    static OfficeConfigurationActivated office(String officeId, LocalDate goLiveOn, boolean suspended) {
        return new OfficeConfigurationActivated(
                officeId,
                "Jobcenter " + officeId,
                OfficeType.JOBCENTER,
                goLiveOn,
                suspended,
                Instant.now().toEpochMilli(),
                Instant.now(),
                List.of(),
                RouteRef.eakte(officeId),
                List.of(),
                null);
    }

    static void publish(String bootstrapServers, OfficeConfigurationActivated office) {
        TopicProbe.send(
                bootstrapServers,
                Topics.OFFICE_CONFIG,
                office.officeId(),
                EventJson.write(office),
                CloudEventHeaders.forEvent(office, "config-service", Instant.now()));
    }

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = KafkaBroker.shared();
        if (!broker.isRunning()) {
            broker.restart();
        }
        publish(broker.bootstrapServers(), office(LIVE, LocalDate.of(2024, 1, 1), false));
        publish(broker.bootstrapServers(), office(NOT_YET_LIVE, LocalDate.of(2099, 1, 1), false));
        publish(broker.bootstrapServers(), office(SUSPENDED, LocalDate.of(2024, 1, 1), true));
        return Map.of();
    }

    @Override
    public void stop() {
        // The records stay on the shared broker until the JVM exits.
    }
}
