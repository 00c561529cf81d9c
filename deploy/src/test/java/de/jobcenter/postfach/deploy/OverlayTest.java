package de.jobcenter.postfach.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every overlay under deploy/k8s/overlays (dev, prod, and any variant beside them; those whose name starts with
 * {@code prod} are held to the production rules), rendered with the real kustomize, parsed into the typed model
 * and held to every check. The service side is read at test time from every module's application.properties.
 *
 * <p>Topics, precisely: let C be the topics named by the services' configuration (every
 * {@code mp.messaging.(incoming|outgoing).*.topic(s)}, every {@code *.dead-letter-queue.topic}, SmallRye's
 * defaults where a Kafka channel names no topic or no dead-letter topic, every other {@code *.topic} key such as
 * {@code postfach.office-config.topic}) and T the contracts' {@code Topics.allWithDeadLetterTopics()}. Then the
 * overlay's KafkaTopics are exactly C ∪ T: each topic of C and of T exists, and a KafkaTopic in neither is stale.
 * T is included because some topics are chosen per record in code (routing-service's outputs, the dead-letter
 * topics written through {@code Topics.dlq}), where no configuration names them. {@code cleanup.policy} contains
 * {@code compact} exactly for {@code Topics.compacted()}.
 */
class OverlayTest {

    private static final Map<String, ServiceConfiguration> SERVICES = ServiceConfiguration.all(Manifests.root());

    static List<String> overlays() {
        return Manifests.overlays();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void rendersIntoKnownKindsWithoutUnknownFields(String overlay) {
        assertThat(ManifestChecks.schema(Manifests.overlay(overlay))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void probesLimitsAndHardensEveryWorkload(String overlay) {
        assertThat(ManifestChecks.workloads(Manifests.overlay(overlay))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void keepsEveryServiceAvailableThroughDisruptionsAndScalesWithinPartitions(String overlay) {
        assertThat(ManifestChecks.availability(Manifests.overlay(overlay), SERVICES))
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void pinsEveryImage(String overlay) {
        assertThat(ManifestChecks.images(Manifests.overlay(overlay))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void keepsSecretValuesOutOfTheRepository(String overlay) {
        assertThat(ManifestChecks.secrets(Manifests.overlay(overlay))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void listsEverySecretToCreateInTheReadme(String overlay) throws IOException {
        String readme = Files.readString(Manifests.root().resolve("deploy/README.md"));

        assertThat(ManifestChecks.documentedSecrets(Manifests.overlay(overlay), readme))
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void createsExactlyTheTopicsServicesAndContractsName(String overlay) {
        assertThat(ManifestChecks.topics(Manifests.overlay(overlay), SERVICES)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void deniesByDefaultAndOpensAPolicyForEveryWorkloadAndDatabase(String overlay) {
        assertThat(NetworkChecks.isolation(Manifests.overlay(overlay))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void letsEveryServiceReachWhatItsConfigurationNamesAndNothingElse(String overlay) {
        assertThat(NetworkChecks.wiring(Manifests.overlay(overlay), SERVICES)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void importsTheRealmTheServicesExpect(String overlay) {
        assertThat(RealmChecks.realm(Manifests.overlay(overlay), SERVICES)).isEmpty();
    }
}
