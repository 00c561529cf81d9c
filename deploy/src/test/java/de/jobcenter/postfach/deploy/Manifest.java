package de.jobcenter.postfach.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One rendered overlay, every document parsed into fabric8's typed Kubernetes model. Kinds the model does not know
 * (Strimzi's KafkaTopic, CloudNativePG's Cluster, Keycloak's KeycloakRealmImport) come back as
 * {@link GenericKubernetesResource}; {@link CustomResources} reads their specs strictly.
 */
record Manifest(String overlay, List<HasMetadata> resources) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses kustomize's output (a multi-document YAML stream). */
    static Manifest parse(String overlay, String yaml) {
        List<HasMetadata> resources = new ArrayList<>();
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                KubernetesResource resource =
                        SERIALIZATION.unmarshal(JSON.writeValueAsString(document), KubernetesResource.class);
                if (!(resource instanceof HasMetadata withMetadata)) {
                    throw new IllegalStateException(
                            overlay + ": a document is not a Kubernetes object: " + abbreviate(document));
                }
                resources.add(withMetadata);
            }
        } catch (IOException e) {
            throw new IllegalStateException(overlay + ": rendered YAML does not parse", e);
        }
        return new Manifest(overlay, List.copyOf(resources));
    }

    /** Overlays whose name starts with {@code prod} are held to the production rules. */
    boolean production() {
        return overlay.startsWith("prod");
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream()
                .filter(resource -> kind.equals(resource.getKind()))
                .toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return all(type).stream()
                .filter(resource -> name.equals(resource.getMetadata().getName()))
                .findFirst();
    }

    /** Deployments and StatefulSets alike. */
    List<Workload> workloads() {
        return Stream.concat(
                        all(Deployment.class).stream()
                                .map(d -> new Workload(
                                        "Deployment",
                                        d.getMetadata().getName(),
                                        d.getMetadata().getNamespace(),
                                        d.getSpec().getReplicas(),
                                        d.getSpec().getTemplate())),
                        all(StatefulSet.class).stream()
                                .map(s -> new Workload(
                                        "StatefulSet",
                                        s.getMetadata().getName(),
                                        s.getMetadata().getNamespace(),
                                        s.getSpec().getReplicas(),
                                        s.getSpec().getTemplate())))
                .toList();
    }

    Optional<Workload> workload(String name) {
        return workloads().stream().filter(w -> w.name().equals(name)).findFirst();
    }

    /**
     * The environment a container sees from its ConfigMaps ({@code envFrom}), with the ConfigMap's (hashed) name
     * resolved in this manifest. Variables set with {@code env} are not included.
     */
    Map<String, String> configMapEnvironment(Workload workload) {
        Map<String, String> environment = new TreeMap<>();
        workload.template().getSpec().getContainers().forEach(container -> {
            if (container.getEnvFrom() == null) {
                return;
            }
            container.getEnvFrom().stream()
                    .filter(source -> source.getConfigMapRef() != null)
                    .forEach(source -> named(
                                    ConfigMap.class, source.getConfigMapRef().getName())
                            .map(ConfigMap::getData)
                            .ifPresent(environment::putAll));
        });
        return environment;
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    /** A Deployment or StatefulSet: what the checks need of either. */
    record Workload(String kind, String name, String namespace, Integer replicas, PodTemplateSpec template) {
        String describe() {
            return kind + " " + name;
        }

        Map<String, String> podLabels() {
            Map<String, String> labels = template.getMetadata() == null
                    ? null
                    : template.getMetadata().getLabels();
            return labels == null ? Map.of() : labels;
        }
    }
}
