package de.jobcenter.postfach.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves that every check can fail: each case writes a kustomization into target/broken/ that takes a real overlay
 * and breaks one thing, renders it with the real kustomize, and expects the responsible check to name the break.
 */
class BrokenManifestTest {

    private static final Map<String, ServiceConfiguration> SERVICES = ServiceConfiguration.all(Manifests.root());

    /** One list entry (or several) for a top-level field of a kustomization: patches, images, generators. */
    record Part(String field, String items) {}

    record Breakage(
            String name, String overlay, List<Part> parts, Function<Manifest, List<String>> check, String expected) {
        Breakage(String name, String overlay, Part part, Function<Manifest, List<String>> check, String expected) {
            this(name, overlay, List.of(part), check, expected);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Breakage> breakages() {
        return Stream.of(
                new Breakage(
                        "a misspelt field in a Deployment",
                        "prod",
                        patch("kind: Deployment\n      name: mailbox-api", """
                                - op: add
                                  path: /spec/template/spec/containers/0/readinesProbe
                                  value: {httpGet: {path: /q/health/ready, port: http}}
                                """),
                        ManifestChecks::schema,
                        "unknown field spec.template.spec.containers[0].readinesProbe"),
                new Breakage(
                        "a field at the wrong level of a Service",
                        "dev",
                        patch("kind: Service\n      name: config-service", """
                                - op: add
                                  path: /spec/containerPort
                                  value: 8080
                                """),
                        ManifestChecks::schema,
                        "unknown field spec.containerPort"),
                new Breakage(
                        "a misspelt field in a KafkaTopic",
                        "prod",
                        patch("kind: KafkaTopic\n      name: postfach.staff-messages", """
                                - op: add
                                  path: /spec/partition
                                  value: 3
                                """),
                        ManifestChecks::schema,
                        "spec.partition"),
                new Breakage(
                        "a topic setting Kafka does not know",
                        "dev",
                        patch("kind: KafkaTopic\n      name: postfach.staff-messages", """
                                - op: add
                                  path: /spec/config/retention.msec
                                  value: 1000
                                """),
                        ManifestChecks::schema,
                        "retention.msec"),
                new Breakage(
                        "a misspelt field in a CloudNativePG Cluster",
                        "prod",
                        patch("kind: Cluster\n      name: config-db", """
                                - op: add
                                  path: /spec/instance
                                  value: 3
                                """),
                        ManifestChecks::schema,
                        "spec.instance"),
                new Breakage(
                        "a user with a password in the realm",
                        "dev",
                        patch("kind: KeycloakRealmImport\n      name: postfach", """
                                - op: add
                                  path: /spec/realm/users/0/credentials
                                  value: [{type: password, value: secret}]
                                """),
                        ManifestChecks::schema,
                        "spec.realm.users[0].credentials"),
                new Breakage(
                        "a liveness probe on the wrong path",
                        "prod",
                        patch("kind: Deployment\n      name: eakte-adapter", """
                                - op: replace
                                  path: /spec/template/spec/containers/0/livenessProbe/httpGet/path
                                  value: /q/health
                                """),
                        ManifestChecks::workloads,
                        "Deployment eakte-adapter container eakte-adapter: livenessProbe is not an HTTP GET on"
                                + " /q/health/live"),
                new Breakage(
                        "no readiness probe",
                        "dev",
                        patch("kind: StatefulSet\n      name: routing-service", """
                                - op: remove
                                  path: /spec/template/spec/containers/0/readinessProbe
                                """),
                        ManifestChecks::workloads,
                        "StatefulSet routing-service container routing-service: no readinessProbe"),
                new Breakage(
                        "no memory limit",
                        "prod",
                        patch("kind: Deployment\n      name: notification-service", """
                                - op: remove
                                  path: /spec/template/spec/containers/0/resources/limits/memory
                                """),
                        ManifestChecks::workloads,
                        "container notification-service: no memory limit"),
                new Breakage(
                        "privilege escalation and a writable root file system",
                        "prod",
                        patch("kind: Deployment\n      name: outlook-adapter", """
                                - op: replace
                                  path: /spec/template/spec/containers/0/securityContext
                                  value: {allowPrivilegeEscalation: true, capabilities: {drop: [ALL]}}
                                """),
                        ManifestChecks::workloads,
                        "container outlook-adapter: allowPrivilegeEscalation is not true"
                                .replace("is not true", "is not false")),
                new Breakage(
                        "a container running as root",
                        "dev",
                        patch("kind: Deployment\n      name: config-service", """
                                - op: remove
                                  path: /spec/template/spec/securityContext/runAsNonRoot
                                - op: remove
                                  path: /spec/template/spec/containers/0/securityContext/runAsNonRoot
                                - op: replace
                                  path: /spec/template/spec/securityContext/runAsUser
                                  value: 0
                                """),
                        ManifestChecks::workloads,
                        "container config-service: runAsNonRoot is not true"),
                new Breakage(
                        "the latest tag",
                        "dev",
                        images("registry.postfach.example/postfach/mailbox-api", "newTag: latest"),
                        ManifestChecks::images,
                        "mailbox-api:latest uses the moving tag latest"),
                new Breakage(
                        "an untagged image",
                        "dev",
                        patch("kind: Deployment\n      name: notification-service", """
                                - op: replace
                                  path: /spec/template/spec/containers/0/image
                                  value: registry.postfach.example/postfach/notification-mailer
                                """),
                        ManifestChecks::images,
                        "has neither tag nor digest"),
                new Breakage(
                        "a snapshot image in production",
                        "prod",
                        images("registry.postfach.example/postfach/config-service", "newTag: 0.2.0-SNAPSHOT"),
                        ManifestChecks::images,
                        "config-service:0.2.0-SNAPSHOT is a snapshot"),
                new Breakage(
                        "a Secret with data in production",
                        "prod",
                        new Part("secretGenerator", """
                                - name: servicecenter-adapter-secrets
                                  namespace: postfach
                                  literals:
                                    - vcc-hmac-secret=not-so-secret
                                """),
                        ManifestChecks::secrets,
                        "a Secret with data in production"),
                new Breakage(
                        "a password in a ConfigMap",
                        "dev",
                        new Part("configMapGenerator", """
                                - name: notification-service-config
                                  namespace: postfach
                                  behavior: merge
                                  literals:
                                    - QUARKUS_MAILER_PASSWORD=hunter2
                                """),
                        ManifestChecks::secrets,
                        "key QUARKUS_MAILER_PASSWORD looks like a secret"),
                new Breakage(
                        "a secret as a literal env value",
                        "prod",
                        patch("kind: Deployment\n      name: servicecenter-adapter", """
                                - op: add
                                  path: /spec/template/spec/containers/0/env/-
                                  value: {name: POSTFACH_ROUTING_ADMIN_TOKEN, value: abc}
                                """),
                        ManifestChecks::secrets,
                        "env POSTFACH_ROUTING_ADMIN_TOKEN: a literal value for a secret"),
                new Breakage(
                        "a missing KafkaTopic",
                        "prod",
                        deletion("kafka.strimzi.io/v1beta2", "KafkaTopic", "postfach.delivery-status", "kafka"),
                        manifest -> ManifestChecks.topics(manifest, SERVICES),
                        "no KafkaTopic for postfach.delivery-status, named by [eakte-adapter:"),
                new Breakage(
                        "a KafkaTopic nobody names",
                        "dev",
                        patch("kind: KafkaTopic\n      name: postfach.archive-requests.dlq", """
                                - op: replace
                                  path: /spec/topicName
                                  value: postfach.forgotten
                                """),
                        manifest -> ManifestChecks.topics(manifest, SERVICES),
                        "KafkaTopic postfach.forgotten is named by no service configuration and not by contracts"),
                new Breakage(
                        "a compacted topic that is not compacted",
                        "prod",
                        patch("kind: KafkaTopic\n      name: postfach.office-config", """
                                - op: replace
                                  path: /spec/config/cleanup.policy
                                  value: delete
                                """),
                        manifest -> ManifestChecks.topics(manifest, SERVICES),
                        "KafkaTopic postfach.office-config: cleanup.policy delete but contracts say compact"),
                new Breakage(
                        "a dead-letter topic that forgets within a day",
                        "dev",
                        patch("kind: KafkaTopic\n      name: postfach.routed.eakte.dlq", """
                                - op: replace
                                  path: /spec/config/retention.ms
                                  value: 86400000
                                """),
                        manifest -> ManifestChecks.topics(manifest, SERVICES),
                        "postfach.routed.eakte.dlq: a dead-letter topic keeps records less than 30 days"),
                new Breakage(
                        "one replica of a stateless consumer in production",
                        "prod",
                        patch("kind: HorizontalPodAutoscaler\n      name: mailbox-api", """
                                - op: replace
                                  path: /spec/minReplicas
                                  value: 1
                                """),
                        manifest -> ManifestChecks.availability(manifest, SERVICES),
                        "Deployment mailbox-api: runs with 1 replica(s) in production"),
                new Breakage(
                        "a disruption budget that blocks node drains",
                        "dev",
                        patch("kind: PodDisruptionBudget\n      name: config-service", """
                                - op: replace
                                  path: /spec/maxUnavailable
                                  value: 0
                                """),
                        manifest -> ManifestChecks.availability(manifest, SERVICES),
                        "Deployment config-service: its PodDisruptionBudget blocks every eviction"),
                new Breakage(
                        "more routing instances than partitions",
                        "dev",
                        List.of(
                                patch("kind: StatefulSet\n      name: routing-service", """
                                - op: replace
                                  path: /spec/replicas
                                  value: 1
                                """),
                                patch("kind: KafkaTopic\n      name: postfach.customer-messages", """
                                - op: replace
                                  path: /spec/partitions
                                  value: 1
                                """),
                                patch("kind: HorizontalPodAutoscaler\n      name: eakte-adapter", """
                                - op: replace
                                  path: /spec/maxReplicas
                                  value: 5
                                """)),
                        manifest -> ManifestChecks.availability(manifest, SERVICES),
                        "Deployment eakte-adapter: up to 5 replicas share postfach.routed.eakte, which has only 3"),
                new Breakage(
                        "a routing instance without a stable id",
                        "prod",
                        patch("kind: StatefulSet\n      name: routing-service", """
                                - op: remove
                                  path: /spec/template/spec/containers/0/env/0
                                """),
                        manifest -> ManifestChecks.availability(manifest, SERVICES),
                        "StatefulSet routing-service: no instance id from the pod name"),
                new Breakage(
                        "no default-deny policy",
                        "prod",
                        deletion("networking.k8s.io/v1", "NetworkPolicy", "default-deny-all", "postfach"),
                        NetworkChecks::isolation,
                        "namespace postfach: no default-deny NetworkPolicy"),
                new Breakage(
                        "a workload no policy opens",
                        "dev",
                        List.of(
                                patch("kind: NetworkPolicy\n      name: routing-service", """
                                - op: replace
                                  path: /spec/podSelector/matchLabels/app.kubernetes.io~1name
                                  value: routing
                                """),
                                patch("kind: NetworkPolicy\n      name: allow-metrics-scrape", """
                                - op: remove
                                  path: /spec/podSelector/matchExpressions/0/values/1
                                """)),
                        NetworkChecks::isolation,
                        "StatefulSet routing-service: no NetworkPolicy of its own opens anything for it"),
                new Breakage(
                        "a service cut off from its database",
                        "prod",
                        deletion("networking.k8s.io/v1", "NetworkPolicy", "notification-service-database", "postfach"),
                        manifest -> NetworkChecks.wiring(manifest, SERVICES),
                        "Deployment notification-service: cannot reach its database notification-db on 5432"),
                new Breakage(
                        "a database another service can reach",
                        "dev",
                        List.of(
                                patch("kind: NetworkPolicy\n      name: config-db", """
                                - op: add
                                  path: /spec/ingress/0/from/-
                                  value: {podSelector: {matchLabels: {app.kubernetes.io/name: mailbox-api}}}
                                """),
                                patch("kind: NetworkPolicy\n      name: mailbox-api-database", """
                                - op: add
                                  path: /spec/egress/-
                                  value:
                                    to: [{podSelector: {matchLabels: {cnpg.io/cluster: config-db}}}]
                                    ports: [{protocol: TCP, port: 5432}]
                                """)),
                        manifest -> NetworkChecks.wiring(manifest, SERVICES),
                        "Deployment mailbox-api: can reach the database of config-service"),
                new Breakage(
                        "a service open to the whole internet",
                        "prod",
                        patch("kind: NetworkPolicy\n      name: routing-service", """
                                - op: add
                                  path: /spec/egress/-
                                  value: {to: [{ipBlock: {cidr: 0.0.0.0/0}}]}
                                """),
                        manifest -> NetworkChecks.wiring(manifest, SERVICES),
                        "StatefulSet routing-service: may connect to any address on the internet"),
                new Breakage(
                        "a service open to every pod",
                        "dev",
                        patch("kind: NetworkPolicy\n      name: config-service", """
                                - op: add
                                  path: /spec/ingress/-
                                  value: {from: [{podSelector: {}}]}
                                """),
                        manifest -> NetworkChecks.wiring(manifest, SERVICES),
                        "Deployment config-service: accepts connections from any pod"),
                new Breakage(
                        "a replica that cannot reach the snapshot",
                        "prod",
                        patch("kind: NetworkPolicy\n      name: config-service", """
                                - op: remove
                                  path: /spec/ingress/1/from/0
                                """),
                        manifest -> NetworkChecks.wiring(manifest, SERVICES),
                        "StatefulSet routing-service: cannot reach config-service (POSTFACH_OFFICE_CONFIG_SNAPSHOT_URL)"),
                new Breakage(
                        "a demo user in production",
                        "prod",
                        patch("kind: KeycloakRealmImport\n      name: postfach", """
                                - op: add
                                  path: /spec/realm/users/-
                                  value: {username: demo, enabled: true, realmRoles: [config-editor]}
                                """),
                        manifest -> RealmChecks.realm(manifest, SERVICES),
                        "user demo in production"),
                new Breakage(
                        "a client secret written into the realm",
                        "dev",
                        patch("kind: KeycloakRealmImport\n      name: postfach", """
                                - op: replace
                                  path: /spec/realm/clients/1/secret
                                  value: s3cr3t
                                """),
                        manifest -> RealmChecks.realm(manifest, SERVICES),
                        "client postfach-config-tool: its secret must be a ${PLACEHOLDER}"),
                new Breakage(
                        "a snapshot client without its role",
                        "prod",
                        patch("kind: KeycloakRealmImport\n      name: postfach", """
                                - op: replace
                                  path: /spec/realm/users/1/realmRoles
                                  value: [postfach-operator]
                                """),
                        manifest -> RealmChecks.realm(manifest, SERVICES),
                        "client routing-service: its service account lacks the role config-snapshot-reader"),
                new Breakage(
                        "the config tool's redirect to another host",
                        "dev",
                        patch("kind: Ingress\n      name: config-service", """
                                - op: replace
                                  path: /spec/rules/0/host
                                  value: config.elsewhere.example
                                """),
                        manifest -> RealmChecks.realm(manifest, SERVICES),
                        "redirect URI https://konfiguration.dev.postfach.example/* is not a host of config-service"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void theResponsibleCheckNamesTheBreak(Breakage breakage) {
        Manifest manifest = broken(breakage.overlay());

        assertThat(breakage.check().apply(manifest))
                .anySatisfy(problem -> assertThat(problem).contains(breakage.expected()));
    }

    @Test
    void aTopicAServiceStartsToUseMustExistAsKafkaTopic() {
        Map<String, ServiceConfiguration> services = new TreeMap<>(SERVICES);
        services.put(
                "newcomer",
                new ServiceConfiguration(
                        "newcomer",
                        Path.of("newcomer/src/main/resources/application.properties"),
                        Map.of(
                                "quarkus.application.name", "newcomer",
                                "mp.messaging.incoming.fresh.connector", "smallrye-kafka",
                                "mp.messaging.incoming.fresh.topic", "postfach.fresh-events",
                                "mp.messaging.incoming.fresh.failure-strategy", "dead-letter-queue",
                                "mp.messaging.outgoing.unnamed.connector", "smallrye-kafka")));

        assertThat(ManifestChecks.topics(Manifests.overlay("prod"), services))
                .anySatisfy(problem -> assertThat(problem)
                        .startsWith("no KafkaTopic for postfach.fresh-events, named by [newcomer:"
                                + " mp.messaging.incoming.fresh.topic]"))
                .anySatisfy(problem -> assertThat(problem).startsWith("no KafkaTopic for dead-letter-topic-fresh"))
                .anySatisfy(problem -> assertThat(problem).startsWith("no KafkaTopic for unnamed"));
    }

    @Test
    void namesOfSecretsAreToldFromNamesOfTheirAddresses() {
        assertThat(Stream.of(
                                "QUARKUS_MAILER_PASSWORD",
                                "POSTFACH_VCC_HMAC_SECRET",
                                "POSTFACH_ROUTING_ADMIN_TOKEN",
                                "QUARKUS_OIDC_CREDENTIALS_SECRET",
                                "SOME_API_KEY")
                        .filter(ManifestChecks::secretLooking))
                .hasSize(5);
        assertThat(Stream.of(
                                "POSTFACH_OFFICE_CONFIG_SNAPSHOT_TOKEN_URL",
                                "QUARKUS_OIDC_TOKEN_ISSUER",
                                "QUARKUS_OIDC_CLIENT_ID",
                                "QUARKUS_DATASOURCE_USERNAME")
                        .filter(ManifestChecks::secretLooking))
                .isEmpty();
    }

    @Test
    void aLocalDefaultTheWorkloadDoesNotOverrideIsReported() {
        Map<String, ServiceConfiguration> services = new TreeMap<>(SERVICES);
        ServiceConfiguration servicecenter = services.get("servicecenter-adapter");
        Map<String, String> properties = new TreeMap<>(servicecenter.properties());
        properties.put("quarkus.rest-client.archive.url", "http://localhost:8099");
        services.put(
                "servicecenter-adapter",
                new ServiceConfiguration(servicecenter.service(), servicecenter.file(), properties));

        assertThat(NetworkChecks.wiring(Manifests.overlay("prod"), services))
                .contains("Deployment servicecenter-adapter: quarkus.rest-client.archive.url=http://localhost:8099 is a"
                        + " local default and QUARKUS_REST_CLIENT_ARCHIVE_URL does not override it");
    }

    @Test
    void aSecretMissingFromTheReadmeIsReported() {
        String readme = "| `mailbox-api-secrets` (postfach) | `snapshot-client-secret` | mailbox-api |\n";

        assertThat(ManifestChecks.documentedSecrets(Manifests.overlay("prod"), readme))
                .contains(
                        "deploy/README.md does not list Secret servicecenter-adapter-secrets with key vcc-hmac-secret")
                .doesNotContain(
                        "deploy/README.md does not list Secret mailbox-api-secrets with key snapshot-client-secret");
    }

    @Test
    void aServiceWithoutWorkloadAndAWorkloadWithoutServiceAreReported() {
        Map<String, ServiceConfiguration> services = new TreeMap<>(SERVICES);
        services.remove("outlook-adapter");
        services.put(
                "newcomer",
                new ServiceConfiguration(
                        "newcomer", Path.of("newcomer"), Map.of("quarkus.application.name", "newcomer")));

        assertThat(NetworkChecks.wiring(Manifests.overlay("dev"), services))
                .contains(
                        "service newcomer has no Deployment or StatefulSet",
                        "workload outlook-adapter belongs to no" + " service module");
    }

    /**
     * All breakages of one overlay in one kustomization (kustomize starts in about a second, so one render per
     * overlay, not per breakage). Each breakage touches other objects or fields, and each expected problem names
     * its own object and field, so no breakage can stand in for another.
     */
    private static Manifest broken(String overlay) {
        Path dir = Path.of("target/broken").resolve(overlay).toAbsolutePath();
        Map<String, StringBuilder> fields = new TreeMap<>();
        breakages()
                .filter(breakage -> breakage.overlay().equals(overlay))
                .flatMap(breakage -> breakage.parts().stream())
                .forEach(part -> fields.computeIfAbsent(part.field(), f -> new StringBuilder())
                        .append(part.items()));
        StringBuilder kustomization = new StringBuilder(
                """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                """.formatted(dir.relativize(Manifests.k8s().resolve("overlays").resolve(overlay))
                        .toString()
                        .replace('\\', '/')));
        fields.forEach(
                (field, items) -> kustomization.append(field).append(":\n").append(items));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("kustomization.yaml"), kustomization, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Manifests.render(overlay + "-broken", dir);
    }

    private static Part patch(String target, String operations) {
        return new Part("patches", "  - target:\n      " + target + "\n    patch: |-\n" + operations.indent(6));
    }

    private static Part deletion(String apiVersion, String kind, String name, String namespace) {
        return new Part("patchesStrategicMerge", """
                  - |-
                    apiVersion: %s
                    kind: %s
                    metadata:
                      name: %s
                      namespace: %s
                    $patch: delete
                """.formatted(apiVersion, kind, name, namespace));
    }

    private static Part images(String name, String change) {
        return new Part("images", "  - name: " + name + "\n    " + change + "\n");
    }
}
