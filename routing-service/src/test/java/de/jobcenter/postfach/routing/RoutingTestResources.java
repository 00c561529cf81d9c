package de.jobcenter.postfach.routing;

import de.jobcenter.postfach.routing.testdata.RoutingTopics;
import de.jobcenter.postfach.routing.testdata.TestOffices;
import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * The one set of test resources of every {@code @QuarkusTest} here (one Quarkus start for the module): the JVM's
 * real Kafka broker, the test offices published to {@code postfach.office-config} before the service starts (as
 * config-service would have), and an admin token for the dead-letter endpoints.
 */
public class RoutingTestResources implements QuarkusTestResourceLifecycleManager {
    public static final String ADMIN_TOKEN_PROPERTY = "postfach.routing.admin.token";

    private final KafkaBrokerResource kafka = new KafkaBrokerResource();

    @Override
    public Map<String, String> start() {
        Map<String, String> kafkaConfig = kafka.start();
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        TestOffices.all().forEach(office -> RoutingTopics.publishConfiguration(bootstrap, office));
        return Map.of(
                KafkaBrokerResource.BOOTSTRAP_SERVERS,
                kafkaConfig.get(KafkaBrokerResource.BOOTSTRAP_SERVERS),
                ADMIN_TOKEN_PROPERTY,
                "test-admin-" + UUID.randomUUID(),
                "postfach.routing.instance-id",
                "routing-test-0");
    }

    @Override
    public void stop() {
        kafka.stop();
    }
}
