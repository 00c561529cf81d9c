package de.jobcenter.postfach.deploy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates the NetworkPolicies of a manifest the way Kubernetes does: a pod selected by a policy of a type
 * (Ingress/Egress) is isolated in that direction, and then only what one of those policies allows gets through;
 * traffic needs the sender's egress and the receiver's ingress. Namespaces are known by their automatic label
 * {@code kubernetes.io/metadata.name}. Pods outside the manifest's namespaces are taken as not isolated (their
 * policies are not ours), and named ports are not supported (the manifests use numbers).
 */
final class Connectivity {

    private static final String NAMESPACE_LABEL = "kubernetes.io/metadata.name";

    private final List<NetworkPolicy> policies;

    Connectivity(Manifest manifest) {
        this.policies = manifest.all(NetworkPolicy.class);
    }

    /** A pod (namespace and labels) or an address outside the cluster. */
    sealed interface Endpoint permits Pod, Address {}

    record Pod(String namespace, Map<String, String> labels) implements Endpoint {}

    record Address(String ip) implements Endpoint {}

    boolean allows(Endpoint from, Endpoint to, int port) {
        return egressAllows(from, to, port) && ingressAllows(from, to, port);
    }

    boolean egressAllows(Endpoint from, Endpoint to, int port) {
        if (!(from instanceof Pod source)) {
            return true;
        }
        List<NetworkPolicy> selecting = selecting(source, "Egress");
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream()
                .anyMatch(policy -> policy.getSpec().getEgress() != null
                        && policy.getSpec().getEgress().stream()
                                .anyMatch(rule -> ports(rule.getPorts(), port)
                                        && peers(
                                                rule.getTo(),
                                                policy.getMetadata().getNamespace(),
                                                to)));
    }

    boolean ingressAllows(Endpoint from, Endpoint to, int port) {
        if (!(to instanceof Pod target)) {
            return true;
        }
        List<NetworkPolicy> selecting = selecting(target, "Ingress");
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream()
                .anyMatch(policy -> policy.getSpec().getIngress() != null
                        && policy.getSpec().getIngress().stream()
                                .anyMatch(rule -> ports(rule.getPorts(), port)
                                        && peers(
                                                rule.getFrom(),
                                                policy.getMetadata().getNamespace(),
                                                from)));
    }

    /** The policies of the pod's namespace that select it for the given direction. */
    List<NetworkPolicy> selecting(Pod pod, String direction) {
        return policies.stream()
                .filter(policy -> pod.namespace().equals(policy.getMetadata().getNamespace()))
                .filter(policy -> types(policy).contains(direction))
                .filter(policy -> matches(policy.getSpec().getPodSelector(), pod.labels()))
                .toList();
    }

    /** policyTypes, defaulted as the API server does: Ingress always, Egress when there are egress rules. */
    static List<String> types(NetworkPolicy policy) {
        List<String> types = policy.getSpec().getPolicyTypes();
        if (types != null && !types.isEmpty()) {
            return types;
        }
        return policy.getSpec().getEgress() == null
                        || policy.getSpec().getEgress().isEmpty()
                ? List.of("Ingress")
                : List.of("Ingress", "Egress");
    }

    private static boolean ports(List<NetworkPolicyPort> ports, int port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(candidate -> {
            if (candidate.getPort() == null) {
                return true;
            }
            IntOrString value = candidate.getPort();
            if (value.getIntVal() == null) {
                throw new IllegalStateException("named port " + value.getStrVal() + ": use numbers in policies");
            }
            int first = value.getIntVal();
            int last = candidate.getEndPort() == null ? first : candidate.getEndPort();
            return port >= first && port <= last;
        });
    }

    private static boolean peers(List<NetworkPolicyPeer> peers, String policyNamespace, Endpoint other) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        return peers.stream().anyMatch(peer -> peer(peer, policyNamespace, other));
    }

    private static boolean peer(NetworkPolicyPeer peer, String policyNamespace, Endpoint other) {
        if (peer.getIpBlock() != null) {
            return other instanceof Address address && inBlock(address.ip(), peer.getIpBlock());
        }
        if (!(other instanceof Pod pod)) {
            return false;
        }
        boolean namespaceMatches = peer.getNamespaceSelector() == null
                ? pod.namespace().equals(policyNamespace)
                : matches(peer.getNamespaceSelector(), Map.of(NAMESPACE_LABEL, pod.namespace()));
        boolean podMatches = peer.getPodSelector() == null || matches(peer.getPodSelector(), pod.labels());
        return namespaceMatches && podMatches;
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null
                && !selector.getMatchLabels().entrySet().stream()
                        .allMatch(entry -> Objects.equals(labels.get(entry.getKey()), entry.getValue()))) {
            return false;
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                String value = labels.get(requirement.getKey());
                List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
                boolean ok = switch (requirement.getOperator()) {
                    case "In" -> value != null && values.contains(value);
                    case "NotIn" -> value == null || !values.contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default ->
                        throw new IllegalStateException("unknown selector operator " + requirement.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean inBlock(String ip, IPBlock block) {
        if (!inCidr(ip, block.getCidr())) {
            return false;
        }
        return block.getExcept() == null || block.getExcept().stream().noneMatch(except -> inCidr(ip, except));
    }

    static boolean inCidr(String ip, String cidr) {
        try {
            String[] parts = cidr.split("/");
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            byte[] address = InetAddress.getByName(ip).getAddress();
            if (network.length != address.length) {
                return false;
            }
            int bits = network.length * 8;
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
            BigInteger mask = prefix == 0
                    ? BigInteger.ZERO
                    : BigInteger.ONE
                            .shiftLeft(bits)
                            .subtract(BigInteger.ONE)
                            .shiftRight(bits - prefix)
                            .shiftLeft(bits - prefix);
            return new BigInteger(1, network).and(mask).equals(new BigInteger(1, address).and(mask));
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalStateException("not a CIDR: " + cidr, e);
        }
    }
}
