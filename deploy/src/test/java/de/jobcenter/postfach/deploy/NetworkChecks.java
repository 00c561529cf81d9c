package de.jobcenter.postfach.deploy;

import de.jobcenter.postfach.deploy.Connectivity.Address;
import de.jobcenter.postfach.deploy.Connectivity.Endpoint;
import de.jobcenter.postfach.deploy.Connectivity.Pod;
import de.jobcenter.postfach.deploy.CustomResources.ClusterSpec;
import de.jobcenter.postfach.deploy.CustomResources.InvalidResource;
import de.jobcenter.postfach.deploy.Manifest.Workload;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The network policies: deny by default, every workload and database opened by a policy of its own, and the
 * connections each service's configuration implies actually allowed — and nothing beyond what the design allows.
 * "Implied" is read from the service's application.properties (Kafka, datasource, OIDC) and from its ConfigMap
 * (the addresses it is given), so a service that starts using a database or an issuer needs its policy too.
 */
final class NetworkChecks {

    private static final String STRANGER_ADDRESS = "203.0.113.99";
    private static final List<Integer> EXTERNAL_PORTS = List.of(25, 80, 443, 465, 587, 993, 5432, 8080, 9092);

    private NetworkChecks() {}

    /** A default-deny policy in every namespace with workloads; every workload and database selected by an allow. */
    static List<String> isolation(Manifest manifest) {
        List<String> problems = new ArrayList<>();
        List<NetworkPolicy> policies = manifest.all(NetworkPolicy.class);
        Set<String> namespaces =
                manifest.workloads().stream().map(Workload::namespace).collect(Collectors.toCollection(TreeSet::new));
        for (String namespace : namespaces) {
            boolean denyAll = policies.stream()
                    .filter(p -> namespace.equals(p.getMetadata().getNamespace()))
                    .anyMatch(NetworkChecks::isDefaultDeny);
            if (!denyAll) {
                problems.add("namespace " + namespace + ": no default-deny NetworkPolicy (podSelector {}, Ingress"
                        + " and Egress, no rules)");
            }
        }
        for (Workload workload : manifest.workloads()) {
            if (!selectedByAllow(policies, workload.namespace(), workload.podLabels())) {
                problems.add(workload.describe() + ": no NetworkPolicy of its own opens anything for it");
            }
        }
        for (GenericKubernetesResource cluster : manifest.custom(CustomResources.POSTGRES_CLUSTER)) {
            Map<String, String> labels =
                    Map.of(Design.CNPG_CLUSTER_LABEL, cluster.getMetadata().getName());
            if (!selectedByAllow(policies, cluster.getMetadata().getNamespace(), labels)) {
                problems.add(ManifestChecks.describe(cluster) + ": no NetworkPolicy of its own opens its instances");
            }
        }
        return problems;
    }

    static boolean isDefaultDeny(NetworkPolicy policy) {
        var spec = policy.getSpec();
        boolean everyPod = spec.getPodSelector() != null
                && (spec.getPodSelector().getMatchLabels() == null
                        || spec.getPodSelector().getMatchLabels().isEmpty())
                && (spec.getPodSelector().getMatchExpressions() == null
                        || spec.getPodSelector().getMatchExpressions().isEmpty());
        return everyPod
                && spec.getPolicyTypes() != null
                && spec.getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                && (spec.getIngress() == null || spec.getIngress().isEmpty())
                && (spec.getEgress() == null || spec.getEgress().isEmpty());
    }

    private static boolean selectedByAllow(List<NetworkPolicy> policies, String namespace, Map<String, String> labels) {
        return policies.stream()
                .filter(p -> namespace.equals(p.getMetadata().getNamespace()))
                .filter(p -> !isDefaultDeny(p))
                .filter(p -> p.getSpec().getPodSelector() != null
                        && !((p.getSpec().getPodSelector().getMatchLabels() == null
                                        || p.getSpec()
                                                .getPodSelector()
                                                .getMatchLabels()
                                                .isEmpty())
                                && (p.getSpec().getPodSelector().getMatchExpressions() == null
                                        || p.getSpec()
                                                .getPodSelector()
                                                .getMatchExpressions()
                                                .isEmpty())))
                .filter(p -> Connectivity.matches(p.getSpec().getPodSelector(), labels))
                .anyMatch(p -> (p.getSpec().getIngress() != null
                                && !p.getSpec().getIngress().isEmpty())
                        || (p.getSpec().getEgress() != null
                                && !p.getSpec().getEgress().isEmpty()));
    }

    /** Every service reaches what its configuration names, and only the design's services reach outside. */
    static List<String> wiring(Manifest manifest, Map<String, ServiceConfiguration> services) {
        List<String> problems = new ArrayList<>();
        Connectivity network = new Connectivity(manifest);
        Set<String> workloadNames =
                manifest.workloads().stream().map(Workload::name).collect(Collectors.toSet());
        services.keySet().stream()
                .filter(service -> !workloadNames.contains(service))
                .forEach(service -> problems.add("service " + service + " has no Deployment or StatefulSet"));
        workloadNames.stream()
                .filter(name -> !services.containsKey(name))
                .forEach(name -> problems.add("workload " + name + " belongs to no service module"));
        Set<String> publicServices = publishedWorkloads(manifest);
        for (Workload workload : manifest.workloads()) {
            ServiceConfiguration service = services.get(workload.name());
            if (service == null) {
                continue;
            }
            String name = workload.describe();
            Pod pod = new Pod(workload.namespace(), workload.podLabels());
            Map<String, String> environment = manifest.configMapEnvironment(workload);
            int httpPort = ManifestChecks.httpContainerPort(workload).orElse(8080);
            if (service.usesKafka()) {
                problems.addAll(kafka(manifest, network, name, pod, environment));
            }
            if (service.usesDatasource()) {
                problems.addAll(database(manifest, network, workload, pod, environment));
            }
            if (service.usesOidc()) {
                problems.addAll(issuer(
                        network,
                        name,
                        pod,
                        environment.get("QUARKUS_OIDC_AUTH_SERVER_URL"),
                        "QUARKUS_OIDC_AUTH_SERVER_URL"));
            }
            if (environment.containsKey("POSTFACH_OFFICE_CONFIG_SNAPSHOT_TOKEN_URL")) {
                problems.addAll(issuer(
                        network,
                        name,
                        pod,
                        environment.get("POSTFACH_OFFICE_CONFIG_SNAPSHOT_TOKEN_URL"),
                        "POSTFACH_OFFICE_CONFIG_SNAPSHOT_TOKEN_URL"));
            }
            if (environment.containsKey("POSTFACH_OFFICE_CONFIG_SNAPSHOT_URL")) {
                problems.addAll(clusterService(
                        manifest,
                        network,
                        name,
                        pod,
                        environment.get("POSTFACH_OFFICE_CONFIG_SNAPSHOT_URL"),
                        "POSTFACH_OFFICE_CONFIG_SNAPSHOT_URL"));
            }
            problems.addAll(localDefaults(workload, service, environment));
            for (var setting : environment.entrySet()) {
                if (setting.getKey().startsWith("QUARKUS_REST_CLIENT_")
                        && setting.getKey().endsWith("_URL")) {
                    URI target = URI.create(setting.getValue());
                    int port =
                            target.getPort() != -1 ? target.getPort() : "https".equals(target.getScheme()) ? 443 : 80;
                    if (!target.getHost().endsWith(".svc") && !reachesSomeAddress(network, pod, port)) {
                        problems.add(name + ": cannot reach " + target.getHost() + ":" + port + " (" + setting.getKey()
                                + ")");
                    }
                }
            }
            for (String portKey :
                    List.of("QUARKUS_MAILER_PORT", "POSTFACH_OUTLOOK_SMTP_PORT", "POSTFACH_OUTLOOK_IMAP_PORT")) {
                if (environment.containsKey(portKey)
                        && !reachesSomeAddress(network, pod, Integer.parseInt(environment.get(portKey)))) {
                    problems.add(
                            name + ": cannot reach the mail server (" + portKey + "=" + environment.get(portKey) + ")");
                }
            }
            Pod ingressController = new Pod(
                    Design.INGRESS_CONTROLLER_NAMESPACE,
                    Map.of("app.kubernetes.io/name", Design.INGRESS_CONTROLLER_NAME));
            boolean published = publicServices.contains(workload.name());
            if (published != Design.PUBLIC.contains(workload.name())) {
                problems.add(name + (published ? ": published by an Ingress" : ": not published by an Ingress")
                        + ", against the design");
            }
            if (network.ingressAllows(ingressController, pod, httpPort) != Design.PUBLIC.contains(workload.name())) {
                problems.add(name
                        + (Design.PUBLIC.contains(workload.name())
                                ? ": does not accept the ingress controller"
                                : ": accepts the ingress controller but is not public"));
            }
            for (Endpoint stranger : List.of(
                    new Pod(workload.namespace(), Map.of("app.kubernetes.io/name", "stranger")),
                    new Pod("elsewhere", Map.of()))) {
                if (network.ingressAllows(stranger, pod, httpPort)) {
                    problems.add(name + ": accepts connections from any pod (" + stranger + ")");
                }
            }
            for (int port : EXTERNAL_PORTS) {
                if (network.egressAllows(pod, new Address(STRANGER_ADDRESS), port)) {
                    problems.add(name + ": may connect to any address on the internet (port " + port + ")");
                }
            }
            if (!Design.EXTERNAL_EGRESS.contains(workload.name()) && !externalDatabase(manifest, environment)) {
                externalRules(network, pod, "Egress")
                        .forEach(cidr -> problems.add(name + ": may connect outside the cluster (" + cidr
                                + "), which the design does not give it"));
            }
            if (!Design.EXTERNAL_INGRESS.contains(workload.name())) {
                externalRules(network, pod, "Ingress")
                        .forEach(cidr -> problems.add(name + ": accepts connections from outside the cluster (" + cidr
                                + "), which the design does not give it"));
            }
            if (Design.EXTERNAL_INGRESS.contains(workload.name())
                    && externalRules(network, pod, "Ingress").isEmpty()) {
                problems.add(name + ": accepts no callbacks from its target system");
            }
        }
        return problems;
    }

    /**
     * A setting whose local default points at this machine (localhost, 127.0.0.1: the broker, the database, a mail
     * server, a REST target of the local stack) must be overridden in the workload's environment, or the pod talks
     * to itself. The variable is the property's name as MicroProfile Config maps it (upper case, other characters
     * as underscores).
     */
    private static List<String> localDefaults(
            Workload workload, ServiceConfiguration service, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        service.properties().forEach((key, value) -> {
            if (value.contains("localhost") || value.contains("127.0.0.1")) {
                String variable = key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
                if (!environment.containsKey(variable)
                        && env(workload, variable).isEmpty()) {
                    problems.add(workload.describe() + ": " + key + "=" + value + " is a local default and " + variable
                            + " does not override it");
                }
            }
        });
        return problems;
    }

    private static List<String> kafka(
            Manifest manifest, Connectivity network, String name, Pod pod, Map<String, String> environment) {
        String bootstrap = environment.get("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap == null) {
            return List.of(name + ": uses Kafka but its ConfigMap sets no KAFKA_BOOTSTRAP_SERVERS");
        }
        Set<String> clusters = manifest.custom(CustomResources.KAFKA_TOPIC).stream()
                .map(t -> t.getMetadata().getNamespace() + "/"
                        + t.getMetadata().getLabels().get("strimzi.io/cluster"))
                .collect(Collectors.toSet());
        if (clusters.size() != 1) {
            return List.of(
                    "the KafkaTopics name " + clusters.size() + " Strimzi clusters (namespace/cluster): " + clusters);
        }
        String[] cluster = clusters.iterator().next().split("/");
        List<String> problems = new ArrayList<>();
        for (String server : bootstrap.split(",")) {
            String host = server.substring(0, server.lastIndexOf(':'));
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
            String expected = cluster[1] + "-kafka-bootstrap." + cluster[0] + ".svc";
            if (!host.equals(expected) && !host.equals(expected + ".cluster.local")) {
                problems.add(name + ": KAFKA_BOOTSTRAP_SERVERS " + server + " is not the cluster of the KafkaTopics ("
                        + expected + ")");
            }
            Pod broker = new Pod(
                    cluster[0],
                    Map.of(
                            "strimzi.io/cluster",
                            cluster[1],
                            "strimzi.io/kind",
                            "Kafka",
                            "strimzi.io/name",
                            cluster[1] + "-kafka"));
            if (!network.egressAllows(pod, broker, port)) {
                problems.add(name + ": cannot reach the Kafka brokers on " + port);
            }
        }
        return problems;
    }

    private static List<String> database(
            Manifest manifest, Connectivity network, Workload workload, Pod pod, Map<String, String> environment) {
        String name = workload.describe();
        String url = environment.get("QUARKUS_DATASOURCE_JDBC_URL");
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            return List.of(
                    name + ": has a datasource but its ConfigMap sets no PostgreSQL QUARKUS_DATASOURCE_JDBC_URL");
        }
        List<String> problems = new ArrayList<>();
        for (String variable : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            Optional<EnvVar> env = env(workload, variable);
            if (env.isEmpty()
                    || env.get().getValueFrom() == null
                    || env.get().getValueFrom().getSecretKeyRef() == null) {
                problems.add(name + ": " + variable + " does not come from a Secret");
            }
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String database = uri.getPath().substring(1);
        Optional<GenericKubernetesResource> cluster = cluster(manifest, uri.getHost());
        if (cluster.isEmpty()) {
            if (!reachesSomeAddress(network, pod, port)) {
                problems.add(name + ": cannot reach its external database on " + port);
            }
            return problems;
        }
        String clusterName = cluster.get().getMetadata().getName();
        try {
            ClusterSpec spec = CustomResources.read(cluster.get(), ClusterSpec.class);
            String bootstrapped = spec.bootstrap() == null || spec.bootstrap().initdb() == null
                    ? null
                    : spec.bootstrap().initdb().database();
            if (!database.equals(bootstrapped)) {
                problems.add(
                        name + ": uses database " + database + ", but " + clusterName + " creates " + bootstrapped);
            }
        } catch (InvalidResource e) {
            // reported by the schema check
        }
        env(workload, "QUARKUS_DATASOURCE_PASSWORD")
                .map(EnvVar::getValueFrom)
                .filter(from -> from != null && from.getSecretKeyRef() != null)
                .filter(from -> !from.getSecretKeyRef().getName().equals(clusterName + "-app"))
                .ifPresent(from -> problems.add(name + ": reads its password from "
                        + from.getSecretKeyRef().getName() + ", not from " + clusterName + "-app"));
        Pod instance =
                new Pod(cluster.get().getMetadata().getNamespace(), Map.of(Design.CNPG_CLUSTER_LABEL, clusterName));
        if (!network.allows(pod, instance, port)) {
            problems.add(name + ": cannot reach its database " + clusterName + " on " + port);
        }
        for (Workload other : manifest.workloads()) {
            if (!other.name().equals(workload.name())
                    && network.allows(new Pod(other.namespace(), other.podLabels()), instance, port)) {
                problems.add(other.describe() + ": can reach the database of " + workload.name());
            }
        }
        return problems;
    }

    private static Optional<GenericKubernetesResource> cluster(Manifest manifest, String host) {
        String service = host.split("\\.")[0];
        return manifest.custom(CustomResources.POSTGRES_CLUSTER).stream()
                .filter(c -> Stream.of("-rw", "-ro", "-r")
                        .anyMatch(suffix -> service.equals(c.getMetadata().getName() + suffix)))
                .findFirst();
    }

    private static boolean externalDatabase(Manifest manifest, Map<String, String> environment) {
        String url = environment.get("QUARKUS_DATASOURCE_JDBC_URL");
        return url != null
                && url.startsWith("jdbc:postgresql://")
                && cluster(manifest, URI.create(url.substring("jdbc:".length())).getHost())
                        .isEmpty();
    }

    private static List<String> issuer(Connectivity network, String name, Pod pod, String url, String variable) {
        if (url == null) {
            return List.of(name + ": uses OIDC but its ConfigMap sets no " + variable);
        }
        URI uri = URI.create(url);
        String[] host = uri.getHost().split("\\.");
        if (host.length < 3 || !host[2].equals("svc")) {
            return List.of(name + ": " + variable + " is not a Service in the cluster: " + url);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        Pod keycloak = new Pod(host[1], Map.of(Design.KEYCLOAK_POD_LABEL, Design.KEYCLOAK_POD_VALUE));
        return network.egressAllows(pod, keycloak, port)
                ? List.of()
                : List.of(name + ": cannot reach the OIDC provider " + uri.getHost() + ":" + port + " (" + variable
                        + ")");
    }

    private static List<String> clusterService(
            Manifest manifest, Connectivity network, String name, Pod pod, String url, String variable) {
        URI uri = URI.create(url);
        String serviceName = uri.getHost().split("\\.")[0];
        Optional<Service> service = manifest.named(Service.class, serviceName);
        if (service.isEmpty()) {
            return List.of(name + ": " + variable + " names no Service of this manifest: " + url);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : 80;
        Integer target = service.get().getSpec().getPorts().stream()
                .filter(p -> p.getPort() == port)
                .map(p -> p.getTargetPort().getIntVal() != null
                        ? p.getTargetPort().getIntVal()
                        : targetPort(manifest, service.get(), p.getTargetPort().getStrVal()))
                .findFirst()
                .orElse(null);
        if (target == null) {
            return List.of(name + ": " + variable + " uses port " + port + ", which Service " + serviceName
                    + " does not offer");
        }
        Pod backend = new Pod(
                service.get().getMetadata().getNamespace(),
                service.get().getSpec().getSelector());
        return network.allows(pod, backend, target)
                ? List.of()
                : List.of(name + ": cannot reach " + serviceName + " (" + variable + ")");
    }

    private static Integer targetPort(Manifest manifest, Service service, String portName) {
        return manifest.workloads().stream()
                .filter(w -> Connectivity.matches(
                        new LabelSelector(null, service.getSpec().getSelector()), w.podLabels()))
                .flatMap(w -> w.template().getSpec().getContainers().stream())
                .flatMap(c -> c.getPorts() == null ? Stream.empty() : c.getPorts().stream())
                .filter(p -> portName.equals(p.getName()))
                .map(p -> p.getContainerPort())
                .findFirst()
                .orElse(null);
    }

    /** The workloads an Ingress sends traffic to. */
    private static Set<String> publishedWorkloads(Manifest manifest) {
        Set<String> services = manifest.all(Ingress.class).stream()
                .flatMap(ingress -> Stream.concat(
                        Stream.ofNullable(ingress.getSpec().getDefaultBackend()),
                        ingress.getSpec().getRules() == null
                                ? Stream.empty()
                                : ingress.getSpec().getRules().stream()
                                        .filter(rule -> rule.getHttp() != null)
                                        .flatMap(rule -> rule.getHttp().getPaths().stream())
                                        .map(path -> path.getBackend())))
                .map(IngressBackend::getService)
                .filter(Objects::nonNull)
                .map(service -> service.getName())
                .collect(Collectors.toSet());
        return manifest.workloads().stream()
                .filter(w -> manifest.all(Service.class).stream()
                        .filter(s -> services.contains(s.getMetadata().getName()))
                        .anyMatch(s -> Connectivity.matches(
                                new LabelSelector(null, s.getSpec().getSelector()), w.podLabels())))
                .map(Workload::name)
                .collect(Collectors.toSet());
    }

    private static boolean reachesSomeAddress(Connectivity network, Pod pod, int port) {
        return externalRules(network, pod, "Egress").stream()
                .map(cidr -> cidr.split("/")[0])
                .anyMatch(ip -> network.egressAllows(pod, new Address(ip), port));
    }

    /** The CIDRs of the ipBlock peers of the policies that select the pod in that direction. */
    private static List<String> externalRules(Connectivity network, Pod pod, String direction) {
        return network.selecting(pod, direction).stream()
                .flatMap(policy -> "Egress".equals(direction)
                        ? Stream.ofNullable(policy.getSpec().getEgress())
                                .flatMap(List::stream)
                                .flatMap(rule -> Stream.ofNullable(rule.getTo()).flatMap(List::stream))
                        : Stream.ofNullable(policy.getSpec().getIngress())
                                .flatMap(List::stream)
                                .flatMap(rule ->
                                        Stream.ofNullable(rule.getFrom()).flatMap(List::stream)))
                .map(NetworkPolicyPeer::getIpBlock)
                .filter(Objects::nonNull)
                .map(block -> block.getCidr())
                .toList();
    }

    private static Optional<EnvVar> env(Workload workload, String name) {
        return workload.template().getSpec().getContainers().stream()
                .flatMap(c -> c.getEnv() == null ? Stream.empty() : c.getEnv().stream())
                .filter(env -> env.getName().equals(name))
                .findFirst();
    }
}
