package de.jobcenter.postfach.deploy;

import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.deploy.CustomResources.ClusterSpec;
import de.jobcenter.postfach.deploy.CustomResources.InvalidResource;
import de.jobcenter.postfach.deploy.CustomResources.KafkaTopicSpec;
import de.jobcenter.postfach.deploy.Manifest.Workload;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The checks on one rendered overlay. Each returns the problems it finds, one readable line each, so a test
 * asserts "no problems" for the real overlays and "this problem" for a deliberately broken one.
 */
final class ManifestChecks {

    static final String LIVENESS_PATH = "/q/health/live";
    static final String READINESS_PATH = "/q/health/ready";
    static final Set<String> STARTUP_PATHS = Set.of("/q/health/started", LIVENESS_PATH);

    private static final Pattern RELEASE_TAG = Pattern.compile("v?\\d+(\\.\\d+){1,2}(-[0-9A-Za-z.]+)?");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Set<String> SECRET_WORDS =
            Set.of("PASSWORD", "PASSWD", "SECRET", "TOKEN", "CREDENTIAL", "CREDENTIALS", "APIKEY");
    /** A last word that makes a key a reference to or a property of a secret, not the secret itself. */
    private static final Set<String> NON_SECRET_LAST_WORDS =
            Set.of("URL", "URI", "PATH", "FILE", "ISSUER", "AUDIENCE", "TYPE", "TIMEOUT", "LIFESPAN", "NAME");

    private ManifestChecks() {}

    // ---- schema -----------------------------------------------------------------------------------------

    /** No unknown field in any typed object; custom resources only of known kinds, their specs allow-listed. */
    static List<String> schema(Manifest manifest) {
        List<String> problems = new ArrayList<>();
        for (HasMetadata resource : manifest.resources()) {
            String name = describe(resource);
            UnknownFields.of(resource).forEach(field -> problems.add(name + ": unknown field " + field));
            if (resource.getMetadata() == null || resource.getMetadata().getName() == null) {
                problems.add(name + ": no metadata.name");
            } else if (!(resource instanceof Namespace)
                    && resource.getMetadata().getNamespace() == null) {
                problems.add(name + ": no namespace");
            }
            if (resource instanceof GenericKubernetesResource custom) {
                problems.addAll(customResource(custom));
            }
        }
        return problems;
    }

    private static List<String> customResource(GenericKubernetesResource resource) {
        String name = describe(resource);
        String expectedVersion = CustomResources.API_VERSIONS.get(resource.getKind());
        if (expectedVersion == null) {
            return List.of(name + ": a kind neither the Kubernetes model nor the allow-list knows ("
                    + resource.getApiVersion() + ")");
        }
        if (!expectedVersion.equals(resource.getApiVersion())) {
            return List.of(name + ": apiVersion " + resource.getApiVersion() + ", expected " + expectedVersion);
        }
        try {
            switch (resource.getKind()) {
                case CustomResources.KAFKA_TOPIC -> {
                    KafkaTopicSpec spec = CustomResources.spec(resource, KafkaTopicSpec.class);
                    if (spec.config() != null) {
                        List<String> unknown = spec.config().keySet().stream()
                                .filter(key -> !CustomResources.KAFKA_TOPIC_SETTINGS.contains(key))
                                .sorted()
                                .toList();
                        if (!unknown.isEmpty()) {
                            return List.of(name + ": spec.config has settings Kafka does not know: " + unknown);
                        }
                    }
                }
                case CustomResources.POSTGRES_CLUSTER -> CustomResources.spec(resource, ClusterSpec.class);
                case CustomResources.REALM_IMPORT ->
                    CustomResources.spec(resource, CustomResources.RealmImportSpec.class);
                default -> throw new IllegalStateException(resource.getKind());
            }
        } catch (InvalidResource e) {
            return List.of(name + ": " + e.getMessage());
        }
        return List.of();
    }

    // ---- workloads --------------------------------------------------------------------------------------

    /** Probes, resources and the restricted security profile on every container of every workload. */
    static List<String> workloads(Manifest manifest) {
        List<String> problems = new ArrayList<>();
        List<Workload> workloads = manifest.workloads();
        if (workloads.isEmpty()) {
            problems.add("no Deployment or StatefulSet at all");
        }
        for (Workload workload : workloads) {
            String name = workload.describe();
            PodSpec pod = workload.template().getSpec();
            PodSecurityContext podSecurity = pod.getSecurityContext();
            if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
                problems.add(name + ": automountServiceAccountToken must be false (no service talks to the API)");
            }
            if (Boolean.TRUE.equals(pod.getHostNetwork())
                    || Boolean.TRUE.equals(pod.getHostPID())
                    || Boolean.TRUE.equals(pod.getHostIPC())) {
                problems.add(name + ": shares a host namespace");
            }
            List<Container> containers = Stream.concat(
                            pod.getContainers().stream(),
                            pod.getInitContainers() == null ? Stream.empty() : pod.getInitContainers().stream())
                    .toList();
            for (Container container : containers) {
                String where = name + " container " + container.getName();
                problems.addAll(security(where, podSecurity, container.getSecurityContext()));
                problems.addAll(resources(where, container.getResources()));
                problems.addAll(writableTmp(where, pod, container));
            }
            for (Container container : pod.getContainers()) {
                String where = name + " container " + container.getName();
                problems.addAll(probe(where, "livenessProbe", container.getLivenessProbe(), Set.of(LIVENESS_PATH)));
                problems.addAll(probe(where, "readinessProbe", container.getReadinessProbe(), Set.of(READINESS_PATH)));
                problems.addAll(probe(where, "startupProbe", container.getStartupProbe(), STARTUP_PATHS));
                problems.addAll(probePorts(where, container));
            }
            problems.addAll(httpPort(manifest, workload));
        }
        return problems;
    }

    private static List<String> security(String where, PodSecurityContext pod, SecurityContext container) {
        List<String> problems = new ArrayList<>();
        Boolean runAsNonRoot = first(
                container == null ? null : container.getRunAsNonRoot(), pod == null ? null : pod.getRunAsNonRoot());
        Long runAsUser =
                first(container == null ? null : container.getRunAsUser(), pod == null ? null : pod.getRunAsUser());
        String seccomp = first(
                container == null || container.getSeccompProfile() == null
                        ? null
                        : container.getSeccompProfile().getType(),
                pod == null || pod.getSeccompProfile() == null
                        ? null
                        : pod.getSeccompProfile().getType());
        if (!Boolean.TRUE.equals(runAsNonRoot)) {
            problems.add(where + ": runAsNonRoot is not true");
        }
        if (runAsUser == null || runAsUser == 0) {
            problems.add(where + ": runAsUser must name a non-root user");
        }
        if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
            problems.add(where + ": seccompProfile must be RuntimeDefault (or Localhost)");
        }
        if (container == null) {
            problems.add(where + ": no securityContext");
            return problems;
        }
        if (!Boolean.FALSE.equals(container.getAllowPrivilegeEscalation())) {
            problems.add(where + ": allowPrivilegeEscalation is not false");
        }
        if (!Boolean.TRUE.equals(container.getReadOnlyRootFilesystem())) {
            problems.add(where + ": readOnlyRootFilesystem is not true");
        }
        if (Boolean.TRUE.equals(container.getPrivileged())) {
            problems.add(where + ": privileged");
        }
        Capabilities capabilities = container.getCapabilities();
        if (capabilities == null
                || capabilities.getDrop() == null
                || !capabilities.getDrop().contains("ALL")) {
            problems.add(where + ": capabilities do not drop ALL");
        }
        if (capabilities != null
                && capabilities.getAdd() != null
                && !capabilities.getAdd().isEmpty()) {
            problems.add(where + ": adds capabilities " + capabilities.getAdd());
        }
        return problems;
    }

    private static List<String> resources(String where, ResourceRequirements resources) {
        List<String> problems = new ArrayList<>();
        Map<String, Quantity> requests = resources == null ? null : resources.getRequests();
        Map<String, Quantity> limits = resources == null ? null : resources.getLimits();
        for (String resource : List.of("cpu", "memory")) {
            Quantity request = requests == null ? null : requests.get(resource);
            Quantity limit = limits == null ? null : limits.get(resource);
            if (request == null) {
                problems.add(where + ": no " + resource + " request");
            }
            if (limit == null) {
                problems.add(where + ": no " + resource + " limit");
            }
            if (request != null && limit != null && amount(request).compareTo(amount(limit)) > 0) {
                problems.add(where + ": " + resource + " request " + request + " above its limit " + limit);
            }
        }
        return problems;
    }

    private static List<String> writableTmp(String where, PodSpec pod, Container container) {
        boolean tmpIsEmptyDir = container.getVolumeMounts() != null
                && container.getVolumeMounts().stream()
                        .filter(mount -> "/tmp".equals(mount.getMountPath()))
                        .anyMatch(mount -> pod.getVolumes() != null
                                && pod.getVolumes().stream()
                                        .filter(volume -> volume.getName().equals(mount.getName()))
                                        .map(Volume::getEmptyDir)
                                        .anyMatch(Objects::nonNull));
        return tmpIsEmptyDir ? List.of() : List.of(where + ": /tmp is not an emptyDir (the root FS is read-only)");
    }

    private static List<String> probe(String where, String kind, Probe probe, Set<String> paths) {
        if (probe == null) {
            return List.of(where + ": no " + kind);
        }
        if (probe.getHttpGet() == null || !paths.contains(probe.getHttpGet().getPath())) {
            return List.of(where + ": " + kind + " is not an HTTP GET on " + String.join(" or ", paths));
        }
        return List.of();
    }

    private static List<String> probePorts(String where, Container container) {
        List<String> problems = new ArrayList<>();
        for (Probe probe : Stream.of(
                        container.getLivenessProbe(), container.getReadinessProbe(), container.getStartupProbe())
                .filter(p -> p != null && p.getHttpGet() != null)
                .toList()) {
            IntOrString port = probe.getHttpGet().getPort();
            boolean declared = container.getPorts() != null
                    && container.getPorts().stream()
                            .anyMatch(declaredPort -> port.getStrVal() != null
                                    ? port.getStrVal().equals(declaredPort.getName())
                                    : port.getIntVal().equals(declaredPort.getContainerPort()));
            if (!declared) {
                problems.add(
                        where + ": a probe uses port " + port.getValue() + ", which the container does not declare");
            }
        }
        return problems;
    }

    /** The port Quarkus listens on (QUARKUS_HTTP_PORT from the ConfigMap) is the container's "http" port. */
    private static List<String> httpPort(Manifest manifest, Workload workload) {
        String configured = manifest.configMapEnvironment(workload).get("QUARKUS_HTTP_PORT");
        Optional<Integer> declared = httpContainerPort(workload);
        if (configured == null || declared.isEmpty() || !configured.equals(String.valueOf(declared.get()))) {
            return List.of(workload.describe() + ": QUARKUS_HTTP_PORT (" + configured
                    + ") is not the container's http port (" + declared.orElse(null) + ")");
        }
        return List.of();
    }

    static Optional<Integer> httpContainerPort(Workload workload) {
        return workload.template().getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts() == null ? Stream.empty() : c.getPorts().stream())
                .filter(port -> "http".equals(port.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst();
    }

    // ---- availability -----------------------------------------------------------------------------------

    /**
     * A PodDisruptionBudget for every workload that still lets one pod go at the lowest replica count; an HPA
     * exactly for the stateless consumers (never beyond the partitions they consume); in production at least two
     * replicas everywhere and minAvailable 1; a stable instance id for every transactional producer.
     */
    static List<String> availability(Manifest manifest, Map<String, ServiceConfiguration> services) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> partitions = topicPartitions(manifest);
        for (Workload workload : manifest.workloads()) {
            String name = workload.describe();
            Optional<HorizontalPodAutoscaler> hpa = manifest.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(workload.name())
                            && h.getSpec().getScaleTargetRef().getKind().equals(workload.kind()))
                    .findFirst();
            int minimum;
            int maximum;
            if (hpa.isPresent()) {
                minimum = Optional.ofNullable(hpa.get().getSpec().getMinReplicas())
                        .orElse(1);
                maximum = hpa.get().getSpec().getMaxReplicas();
                if (workload.replicas() != null) {
                    problems.add(name + ": sets replicas although an HPA scales it (every apply would reset it)");
                }
                if (!"apps/v1".equals(hpa.get().getSpec().getScaleTargetRef().getApiVersion())) {
                    problems.add(name + ": its HPA's scaleTargetRef.apiVersion is not apps/v1");
                }
            } else {
                minimum = Optional.ofNullable(workload.replicas()).orElse(1);
                maximum = minimum;
            }
            if (Design.AUTOSCALED.contains(workload.name()) && hpa.isEmpty()) {
                problems.add(name + ": a stateless consumer without a HorizontalPodAutoscaler");
            }
            if (Design.NOT_AUTOSCALED.contains(workload.name()) && hpa.isPresent()) {
                problems.add(name + ": must not be autoscaled");
            }
            if (manifest.production() && minimum < 2) {
                problems.add(name + ": runs with " + minimum + " replica(s) in production (at least 2)");
            }
            if (!manifest.production() && minimum != 1) {
                problems.add(name + ": starts " + minimum + " replicas in " + manifest.overlay() + " (1 expected)");
            }
            List<PodDisruptionBudget> budgets = manifest.all(PodDisruptionBudget.class).stream()
                    .filter(pdb -> workload.namespace().equals(pdb.getMetadata().getNamespace()))
                    .filter(pdb -> pdb.getSpec().getSelector() != null
                            && Connectivity.matches(pdb.getSpec().getSelector(), workload.podLabels()))
                    .toList();
            if (budgets.size() != 1) {
                problems.add(name + ": " + budgets.size() + " PodDisruptionBudgets select it (1 expected)");
            } else {
                problems.addAll(budget(manifest, name, budgets.get(0), minimum));
            }
            ServiceConfiguration service = services.get(workload.name());
            if (service != null) {
                problems.addAll(partitionBound(name, service, partitions, maximum));
                problems.addAll(instanceId(name, service, workload));
            }
        }
        return problems;
    }

    private static List<String> budget(Manifest manifest, String name, PodDisruptionBudget pdb, int minimum) {
        IntOrString minAvailable = pdb.getSpec().getMinAvailable();
        IntOrString maxUnavailable = pdb.getSpec().getMaxUnavailable();
        if (manifest.production()
                && (minAvailable == null || !Integer.valueOf(1).equals(minAvailable.getIntVal()))) {
            return List.of(name + ": its PodDisruptionBudget must say minAvailable: 1 in production");
        }
        boolean onePodMayGo = minAvailable != null
                ? minAvailable.getIntVal() != null && minimum - minAvailable.getIntVal() >= 1
                : maxUnavailable != null && (maxUnavailable.getIntVal() == null || maxUnavailable.getIntVal() >= 1);
        return onePodMayGo
                ? List.of()
                : List.of(name + ": its PodDisruptionBudget blocks every eviction at " + minimum + " replica(s)");
    }

    /** More consumers in a group than partitions only idle: the replica maximum stays within the partitions. */
    private static List<String> partitionBound(
            String name, ServiceConfiguration service, Map<String, Integer> partitions, int maximum) {
        List<String> problems = new ArrayList<>();
        for (String channel : service.kafkaChannels()) {
            if (!channel.startsWith("incoming.")) {
                continue;
            }
            String prefix = "mp.messaging." + channel + ".";
            Stream.of(service.get(prefix + "topic"), service.get(prefix + "topics"))
                    .flatMap(Optional::stream)
                    .flatMap(value -> ServiceConfiguration.list(value).stream())
                    .filter(partitions::containsKey)
                    .filter(topic -> partitions.get(topic) < maximum)
                    .forEach(topic -> problems.add(name + ": up to " + maximum + " replicas share " + topic
                            + ", which has only " + partitions.get(topic) + " partitions"));
        }
        return problems;
    }

    /** A transactional producer needs a stable id per instance: a StatefulSet and its pod name in the env. */
    private static List<String> instanceId(String name, ServiceConfiguration service, Workload workload) {
        boolean transactional = service.properties().keySet().stream()
                .anyMatch(key -> key.startsWith("mp.messaging.outgoing.") && key.endsWith(".transactional.id"));
        if (!transactional) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (!"StatefulSet".equals(workload.kind())) {
            problems.add(name + ": a transactional producer needs stable pod names (a StatefulSet)");
        }
        boolean podName = workload.template().getSpec().getContainers().stream()
                .flatMap(c -> c.getEnv() == null ? Stream.empty() : c.getEnv().stream())
                .anyMatch(env -> env.getValueFrom() != null
                        && env.getValueFrom().getFieldRef() != null
                        && "metadata.name"
                                .equals(env.getValueFrom().getFieldRef().getFieldPath()));
        if (!podName) {
            problems.add(name + ": no instance id from the pod name (downward API metadata.name)");
        }
        return problems;
    }

    // ---- images -----------------------------------------------------------------------------------------

    /** Every image has a tag or digest and never "latest"; production pins release versions or digests. */
    static List<String> images(Manifest manifest) {
        List<String> problems = new ArrayList<>();
        Map<String, String> images = new TreeMap<>();
        for (Workload workload : manifest.workloads()) {
            PodSpec pod = workload.template().getSpec();
            Stream.concat(
                            pod.getContainers().stream(),
                            pod.getInitContainers() == null ? Stream.empty() : pod.getInitContainers().stream())
                    .forEach(c -> images.put(workload.describe() + " container " + c.getName(), c.getImage()));
        }
        for (GenericKubernetesResource cluster : manifest.custom(CustomResources.POSTGRES_CLUSTER)) {
            try {
                ClusterSpec spec = CustomResources.read(cluster, ClusterSpec.class);
                images.put(describe(cluster), spec.imageName());
            } catch (InvalidResource e) {
                // reported by the schema check
            }
        }
        images.forEach((where, image) -> problems.addAll(image(manifest, where, image)));
        return problems;
    }

    static List<String> image(Manifest manifest, String where, String image) {
        if (image == null || image.isBlank()) {
            return List.of(where + ": no image");
        }
        String digest = image.contains("@") ? image.substring(image.indexOf('@') + 1) : null;
        String reference = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        String tag = colon > slash ? reference.substring(colon + 1) : null;
        if (digest != null && !DIGEST.matcher(digest).matches()) {
            return List.of(where + ": malformed digest in " + image);
        }
        if (tag == null && digest == null) {
            return List.of(where + ": image " + image + " has neither tag nor digest");
        }
        if ("latest".equalsIgnoreCase(tag)) {
            return List.of(where + ": image " + image + " uses the moving tag latest");
        }
        if (manifest.production() && digest == null && !RELEASE_TAG.matcher(tag).matches()) {
            return List.of(where + ": image " + image + " is not pinned to a release version or a digest");
        }
        if (manifest.production() && tag != null && tag.toUpperCase().contains("SNAPSHOT")) {
            return List.of(where + ": image " + image + " is a snapshot");
        }
        return List.of();
    }

    // ---- secrets ----------------------------------------------------------------------------------------

    /**
     * Secrets stay out of the repository: in production no Secret carries data; in other overlays Secrets are
     * empty placeholders; no ConfigMap key and no literal env variable looks like a secret; every referenced
     * Secret is either created by an operator (CloudNativePG's {@code <cluster>-app}) or, outside production,
     * a placeholder with the key.
     */
    static List<String> secrets(Manifest manifest) {
        List<String> problems = new ArrayList<>();
        for (Secret secret : manifest.all(Secret.class)) {
            Map<String, String> values = new TreeMap<>();
            if (secret.getData() != null) {
                values.putAll(secret.getData());
            }
            if (secret.getStringData() != null) {
                values.putAll(secret.getStringData());
            }
            if (manifest.production() && !values.isEmpty()) {
                problems.add(describe(secret) + ": a Secret with data in production (keys " + values.keySet() + ")");
            }
            values.forEach((key, value) -> {
                if (value != null && !value.isEmpty()) {
                    problems.add(describe(secret) + ": key " + key + " has a value; only empty placeholders here");
                }
            });
        }
        for (ConfigMap configMap : manifest.all(ConfigMap.class)) {
            if (configMap.getData() != null) {
                configMap.getData().forEach((key, value) -> {
                    if (secretLooking(key)) {
                        problems.add(describe(configMap) + ": key " + key + " looks like a secret; use a Secret");
                    }
                    if (value != null && value.contains("-----BEGIN")) {
                        problems.add(describe(configMap) + ": key " + key + " holds a key or certificate block");
                    }
                });
            }
        }
        Set<String> clusters = manifest.custom(CustomResources.POSTGRES_CLUSTER).stream()
                .map(c -> c.getMetadata().getName())
                .collect(Collectors.toSet());
        for (Workload workload : manifest.workloads()) {
            for (Container container : workload.template().getSpec().getContainers()) {
                for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                    String where = workload.describe() + " env " + env.getName();
                    if (env.getValue() != null && secretLooking(env.getName())) {
                        problems.add(where + ": a literal value for a secret; use a secretKeyRef");
                    }
                    if (env.getValueFrom() == null || env.getValueFrom().getSecretKeyRef() == null) {
                        continue;
                    }
                    var reference = env.getValueFrom().getSecretKeyRef();
                    boolean operatorMade = reference.getName().endsWith("-app")
                            && clusters.contains(reference
                                    .getName()
                                    .substring(0, reference.getName().length() - 4));
                    Optional<Secret> defined = manifest.named(Secret.class, reference.getName())
                            .filter(s ->
                                    workload.namespace().equals(s.getMetadata().getNamespace()));
                    if (defined.isPresent()) {
                        boolean hasKey = (defined.get().getData() != null
                                        && defined.get().getData().containsKey(reference.getKey()))
                                || (defined.get().getStringData() != null
                                        && defined.get().getStringData().containsKey(reference.getKey()));
                        if (!hasKey) {
                            problems.add(
                                    where + ": Secret " + reference.getName() + " has no key " + reference.getKey());
                        }
                    } else if (!manifest.production()
                            && !operatorMade
                            && !Boolean.TRUE.equals(reference.getOptional())) {
                        problems.add(where + ": Secret " + reference.getName()
                                + " is neither a placeholder here nor made by an operator");
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Every Secret the platform team must create (referenced by a workload or by the realm import, not made by an
     * operator) is listed in deploy/README.md: a line naming the Secret and the key, both in backticks.
     */
    static List<String> documentedSecrets(Manifest manifest, String readme) {
        Map<String, Set<String>> required = new TreeMap<>();
        Set<String> clusters = manifest.custom(CustomResources.POSTGRES_CLUSTER).stream()
                .map(c -> c.getMetadata().getName() + "-app")
                .collect(Collectors.toSet());
        manifest.workloads().stream()
                .flatMap(w -> w.template().getSpec().getContainers().stream())
                .flatMap(c -> c.getEnv() == null ? Stream.empty() : c.getEnv().stream())
                .filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                .map(env -> env.getValueFrom().getSecretKeyRef())
                .filter(reference -> !clusters.contains(reference.getName()))
                .forEach(reference -> required.computeIfAbsent(reference.getName(), n -> new TreeSet<>())
                        .add(reference.getKey()));
        for (GenericKubernetesResource realm : manifest.custom(CustomResources.REALM_IMPORT)) {
            try {
                var spec = CustomResources.read(realm, CustomResources.RealmImportSpec.class);
                if (spec.placeholders() != null) {
                    spec.placeholders().values().stream()
                            .filter(p -> p.secret() != null)
                            .forEach(p -> required.computeIfAbsent(p.secret().name(), n -> new TreeSet<>())
                                    .add(p.secret().key()));
                }
            } catch (InvalidResource e) {
                // reported by the schema check
            }
        }
        List<String> lines = List.of(readme.split("\n"));
        List<String> problems = new ArrayList<>();
        required.forEach((secret, keys) -> keys.forEach(key -> {
            boolean listed = lines.stream()
                    .anyMatch(line -> line.contains("`" + secret + "`") && line.contains("`" + key + "`"));
            if (!listed) {
                problems.add("deploy/README.md does not list Secret " + secret + " with key " + key);
            }
        }));
        return problems;
    }

    /** Names such as *_PASSWORD, *_CLIENT_SECRET, *_TOKEN; not names of references such as *_TOKEN_URL. */
    static boolean secretLooking(String key) {
        List<String> words = List.of(key.toUpperCase().split("[^A-Z0-9]+"));
        if (words.isEmpty() || NON_SECRET_LAST_WORDS.contains(words.get(words.size() - 1))) {
            return false;
        }
        String joined = String.join("_", words);
        return words.stream().anyMatch(SECRET_WORDS::contains)
                || joined.contains("API_KEY")
                || joined.contains("PRIVATE_KEY");
    }

    // ---- topics -----------------------------------------------------------------------------------------

    /**
     * KafkaTopics against the services and the contracts. Precisely, with C = every topic named by a service's
     * application.properties ({@link ServiceConfiguration#topics()}) and T = contracts'
     * {@code Topics.allWithDeadLetterTopics()}: the KafkaTopics are exactly C ∪ T — every topic of C and of T
     * exists, and a KafkaTopic outside both is reported as stale. cleanup.policy contains compact exactly for
     * {@code Topics.compacted()}; every dead-letter topic keeps its records at least 30 days; replication suits
     * the overlay (production: 3 replicas, min.insync.replicas 2).
     */
    static List<String> topics(Manifest manifest, Map<String, ServiceConfiguration> services) {
        List<String> problems = new ArrayList<>();
        Map<String, KafkaTopicSpec> topics = new TreeMap<>();
        for (GenericKubernetesResource resource : manifest.custom(CustomResources.KAFKA_TOPIC)) {
            try {
                KafkaTopicSpec spec = CustomResources.read(resource, KafkaTopicSpec.class);
                String name = spec.topicName() != null
                        ? spec.topicName()
                        : resource.getMetadata().getName();
                if (topics.put(name, spec) != null) {
                    problems.add("KafkaTopic " + name + " is defined twice");
                }
            } catch (InvalidResource e) {
                problems.add(describe(resource) + ": " + e.getMessage());
            }
        }
        Map<String, List<String>> configured = new TreeMap<>();
        services.values().forEach(service -> {
            problems.addAll(service.problems());
            service.topics()
                    .forEach((topic, keys) -> keys.forEach(key -> configured
                            .computeIfAbsent(topic, t -> new ArrayList<>())
                            .add(service.service() + ": " + key)));
        });
        configured.forEach((topic, sources) -> {
            if (!topics.containsKey(topic)) {
                problems.add("no KafkaTopic for " + topic + ", named by " + sources);
            }
        });
        for (String topic : Topics.allWithDeadLetterTopics()) {
            if (!topics.containsKey(topic)) {
                problems.add("no KafkaTopic for " + topic + " (contracts Topics.allWithDeadLetterTopics())");
            }
        }
        for (var entry : topics.entrySet()) {
            String topic = entry.getKey();
            KafkaTopicSpec spec = entry.getValue();
            if (!configured.containsKey(topic)
                    && !Topics.allWithDeadLetterTopics().contains(topic)) {
                problems.add("KafkaTopic " + topic + " is named by no service configuration and not by contracts");
            }
            String policy = Optional.ofNullable(spec.setting("cleanup.policy")).orElse("delete");
            boolean compacted = List.of(policy.split(",")).contains("compact");
            if (compacted != Topics.compacted().contains(topic)) {
                problems.add("KafkaTopic " + topic + ": cleanup.policy " + policy + " but contracts say "
                        + (Topics.compacted().contains(topic) ? "compact" : "not compacted"));
            }
            if (topic.endsWith(".dlq")) {
                String retention = spec.setting("retention.ms");
                long days30 = 30L * 24 * 60 * 60 * 1000;
                if (retention == null || (Long.parseLong(retention) != -1 && Long.parseLong(retention) < days30)) {
                    problems.add("KafkaTopic " + topic + ": a dead-letter topic keeps records less than 30 days");
                }
            }
            if (spec.partitions() == null || spec.partitions() < 1 || spec.replicas() == null) {
                problems.add("KafkaTopic " + topic + ": partitions and replicas must be set");
                continue;
            }
            int minInSync = Optional.ofNullable(spec.setting("min.insync.replicas"))
                    .map(Integer::parseInt)
                    .orElse(1);
            if (minInSync > spec.replicas()) {
                problems.add("KafkaTopic " + topic + ": min.insync.replicas above replicas: no write succeeds");
            }
            if (manifest.production() && (spec.replicas() < 3 || minInSync < 2 || minInSync >= spec.replicas())) {
                problems.add("KafkaTopic " + topic + ": production needs 3 replicas and min.insync.replicas 2");
            }
        }
        return problems;
    }

    static Map<String, Integer> topicPartitions(Manifest manifest) {
        Map<String, Integer> partitions = new TreeMap<>();
        for (GenericKubernetesResource resource : manifest.custom(CustomResources.KAFKA_TOPIC)) {
            try {
                KafkaTopicSpec spec = CustomResources.read(resource, KafkaTopicSpec.class);
                if (spec.partitions() != null) {
                    partitions.put(
                            spec.topicName() != null
                                    ? spec.topicName()
                                    : resource.getMetadata().getName(),
                            spec.partitions());
                }
            } catch (InvalidResource e) {
                // reported by the schema check
            }
        }
        return partitions;
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    static String describe(HasMetadata resource) {
        String namespace =
                resource.getMetadata() == null ? null : resource.getMetadata().getNamespace();
        String name =
                resource.getMetadata() == null ? null : resource.getMetadata().getName();
        return resource.getKind() + " " + (namespace == null ? "" : namespace + "/") + name;
    }

    static BigDecimal amount(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity);
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
