package de.jobcenter.postfach.servicecenter;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated.ServiceCenterContract;
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
 * would: with a contract in effect, without one, with one from next year, with another service center.
 */
public class OfficeConfigResource implements QuarkusTestResourceLifecycleManager {
    public static final String SERVICE_CENTER = "BA-SC";
    public static final String WITH_CONTRACT = "JC-KOELN";
    public static final String WITHOUT_CONTRACT = "JC-OHNE-VERTRAG";
    public static final String CONTRACT_LATER = "JC-VERTRAG-SPAETER";
    public static final String OTHER_SERVICE_CENTER = "JC-ANDERES-SC";

    static OfficeConfigurationActivated office(String officeId, ServiceCenterContract contract) {
        return new OfficeConfigurationActivated(
                officeId,
                "Jobcenter " + officeId,
                OfficeType.JOBCENTER,
                LocalDate.of(2024, 1, 1),
                false,
                Instant.now().toEpochMilli(),
                Instant.now(),
                List.of(),
                RouteRef.eakte(officeId),
                List.of(),
                contract);
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
        String bootstrap = broker.bootstrapServers();
        publish(bootstrap, office(WITH_CONTRACT, new ServiceCenterContract(SERVICE_CENTER, LocalDate.of(2024, 1, 1))));
        publish(bootstrap, office(WITHOUT_CONTRACT, null));
        publish(bootstrap, office(CONTRACT_LATER, new ServiceCenterContract(SERVICE_CENTER, LocalDate.of(2099, 1, 1))));
        publish(
                bootstrap,
                office(OTHER_SERVICE_CENTER, new ServiceCenterContract("SC-NORD", LocalDate.of(2024, 1, 1))));
        return Map.of();
    }

    @Override
    public void stop() {
        // The records stay on the shared broker until the JVM exits.
    }
}
