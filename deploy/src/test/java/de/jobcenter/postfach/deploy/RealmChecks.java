package de.jobcenter.postfach.deploy;

import de.jobcenter.postfach.deploy.CustomResources.Client;
import de.jobcenter.postfach.deploy.CustomResources.InvalidResource;
import de.jobcenter.postfach.deploy.CustomResources.ProtocolMapper;
import de.jobcenter.postfach.deploy.CustomResources.Realm;
import de.jobcenter.postfach.deploy.CustomResources.RealmImportSpec;
import de.jobcenter.postfach.deploy.CustomResources.User;
import de.jobcenter.postfach.deploy.Manifest.Workload;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Keycloak realm against what the services expect of their tokens: the audiences they check, the roles and
 * the offices claim config-service reads, the acr values mailbox-api accepts, a service client with the snapshot
 * role for every replica configured to read the snapshot. Client secrets only as placeholders filled from a
 * Secret; in production no user but service accounts.
 */
final class RealmChecks {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    private RealmChecks() {}

    static List<String> realm(Manifest manifest, Map<String, ServiceConfiguration> services) {
        List<GenericKubernetesResource> imports = manifest.custom(CustomResources.REALM_IMPORT);
        if (imports.size() != 1) {
            return List.of(imports.size() + " KeycloakRealmImports (1 expected)");
        }
        RealmImportSpec spec;
        try {
            spec = CustomResources.read(imports.get(0), RealmImportSpec.class);
        } catch (InvalidResource e) {
            return List.of(ManifestChecks.describe(imports.get(0)) + ": " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        Realm realm = spec.realm();
        if (spec.keycloakCRName() == null || spec.keycloakCRName().isBlank()) {
            problems.add("the realm import names no Keycloak (keycloakCRName)");
        }
        if (realm == null || !"postfach".equals(realm.realm())) {
            return List.of("the realm import does not define the realm postfach");
        }
        Set<String> roles = realm.roles() == null || realm.roles().realm() == null
                ? Set.of()
                : realm.roles().realm().stream().map(r -> r.name()).collect(Collectors.toSet());
        Design.REALM_ROLES.stream()
                .filter(role -> !roles.contains(role))
                .sorted()
                .forEach(role -> problems.add("realm role " + role + " is missing"));

        for (Client client : realm.clientList()) {
            String secret = client.secret();
            if (Boolean.TRUE.equals(client.publicClient())) {
                if (secret != null) {
                    problems.add("public client " + client.clientId() + " has a secret");
                }
                continue;
            }
            Matcher placeholder = secret == null ? null : PLACEHOLDER.matcher(secret);
            if (placeholder == null || !placeholder.matches()) {
                problems.add("client " + client.clientId() + ": its secret must be a ${PLACEHOLDER} from a Secret");
            } else if (spec.placeholders() == null || !spec.placeholders().containsKey(placeholder.group(1))) {
                problems.add(
                        "client " + client.clientId() + ": placeholder " + placeholder.group(1) + " is not declared");
            }
            if (Boolean.TRUE.equals(client.implicitFlowEnabled())
                    || Boolean.TRUE.equals(client.directAccessGrantsEnabled())) {
                problems.add("client " + client.clientId() + ": implicit flow and password grant stay off");
            }
        }

        Set<String> audiences =
                realm.clientList().stream().flatMap(c -> c.audiences().stream()).collect(Collectors.toSet());
        for (ServiceConfiguration service : services.values()) {
            if (!service.usesOidc()) {
                continue;
            }
            // Every tenant that takes bearer tokens (application-type service, the default) must check an audience;
            // a web-app tenant's ID token is addressed to its own client id.
            for (String tenant : oidcTenants(service)) {
                String prefix = tenant.isEmpty() ? "quarkus.oidc." : "quarkus.oidc." + tenant + ".";
                if (service.get(prefix + "application-type").orElse("service").equals("web-app")) {
                    continue;
                }
                Optional<String> audience = service.get(prefix + "token.audience");
                if (audience.isEmpty()) {
                    problems.add(service.service() + ": checks tokens but no audience (" + prefix + "token.audience)");
                    continue;
                }
                ServiceConfiguration.list(audience.get()).stream()
                        .filter(a -> !audiences.contains(a))
                        .forEach(a -> problems.add(
                                service.service() + " expects audience " + a + ", which no client issues"));
            }
        }

        Optional<ServiceConfiguration> config = Optional.ofNullable(services.get("config-service"));
        String configAudience = config.flatMap(
                        c -> c.get("quarkus.oidc.api.token.audience").or(() -> c.get("quarkus.oidc.token.audience")))
                .orElse("postfach-config");
        String officesClaim = config.flatMap(c -> c.get("postfach.config.security.offices-claim"))
                .orElse("offices");
        String snapshotRole = config.flatMap(c -> c.get("postfach.config.roles.snapshot-reader"))
                .orElse("config-snapshot-reader");
        List<Client> configTools = realm.clientList().stream()
                .filter(c -> Boolean.TRUE.equals(c.standardFlowEnabled()))
                .filter(c -> c.audiences().contains(configAudience))
                .toList();
        if (configTools.isEmpty()) {
            problems.add(
                    "no client signs staff into the configuration tool (code flow, audience " + configAudience + ")");
        }
        for (Client tool : configTools) {
            if (Boolean.TRUE.equals(tool.publicClient())) {
                problems.add("client " + tool.clientId() + ": the configuration tool is a confidential client");
            }
            boolean offices = tool.mappers().stream()
                    .filter(m -> "oidc-usermodel-attribute-mapper".equals(m.protocolMapper()))
                    .map(ProtocolMapper::config)
                    .anyMatch(c -> officesClaim.equals(c.get("claim.name")) && "true".equals(c.get("multivalued")));
            if (!offices) {
                problems.add("client " + tool.clientId() + ": no multivalued user-attribute mapper for the claim "
                        + officesClaim);
            }
            problems.addAll(redirectsToIngress(manifest, tool, "config-service"));
        }

        Optional<ServiceConfiguration> mailbox = Optional.ofNullable(services.get("mailbox-api"));
        String accepted =
                mailbox.flatMap(m -> m.get("postfach.security.accepted-acr")).orElse(Design.DEFAULT_ACCEPTED_ACR);
        String loa = realm.attributes() == null ? "" : realm.attributes().getOrDefault("acr.loa.map", "");
        ServiceConfiguration.list(accepted).stream()
                .filter(acr -> !loa.contains("\"" + acr + "\""))
                .forEach(acr -> problems.add("acr " + acr + " (accepted by mailbox-api) is no level in acr.loa.map"));

        for (Workload workload : manifest.workloads()) {
            String clientId = manifest.configMapEnvironment(workload).get("POSTFACH_OFFICE_CONFIG_SNAPSHOT_CLIENT_ID");
            if (clientId != null) {
                problems.addAll(serviceClient(realm, workload.describe(), clientId, configAudience, snapshotRole));
            }
        }

        for (User user : realm.userList()) {
            if (manifest.production() && user.serviceAccountClientId() == null) {
                problems.add("user " + user.username() + " in production: demo and personal users stay out");
            }
        }
        return problems;
    }

    private static List<String> serviceClient(
            Realm realm, String workload, String clientId, String audience, String role) {
        Optional<Client> client = realm.clientList().stream()
                .filter(c -> clientId.equals(c.clientId()))
                .findFirst();
        if (client.isEmpty()) {
            return List.of(workload + ": snapshot client " + clientId + " is not in the realm");
        }
        List<String> problems = new ArrayList<>();
        if (!Boolean.TRUE.equals(client.get().serviceAccountsEnabled())
                || Boolean.TRUE.equals(client.get().standardFlowEnabled())) {
            problems.add("client " + clientId + ": a service client uses client credentials only");
        }
        if (!client.get().audiences().contains(audience)) {
            problems.add("client " + clientId + ": its tokens lack the audience " + audience);
        }
        boolean hasRole = realm.userList().stream()
                .filter(u -> clientId.equals(u.serviceAccountClientId()))
                .anyMatch(u -> u.realmRoles() != null && u.realmRoles().contains(role));
        if (!hasRole) {
            problems.add("client " + clientId + ": its service account lacks the role " + role);
        }
        return problems;
    }

    private static List<String> redirectsToIngress(Manifest manifest, Client client, String service) {
        Set<String> hosts = manifest.all(Ingress.class).stream()
                .filter(i -> i.getSpec().getRules() != null)
                .flatMap(i -> i.getSpec().getRules().stream())
                .filter(rule -> rule.getHttp() != null
                        && rule.getHttp().getPaths().stream()
                                .anyMatch(p -> p.getBackend().getService() != null
                                        && service.equals(
                                                p.getBackend().getService().getName())))
                .map(rule -> rule.getHost())
                .collect(Collectors.toSet());
        List<String> redirects = client.redirectUris() == null ? List.of() : client.redirectUris();
        if (redirects.isEmpty()) {
            return List.of("client " + client.clientId() + ": no redirect URIs");
        }
        return redirects.stream()
                .filter(uri -> !hosts.contains(URI.create(uri.replace("*", "")).getHost()))
                .map(uri -> "client " + client.clientId() + ": redirect URI " + uri + " is not a host of " + service
                        + "'s Ingress " + hosts)
                .toList();
    }

    /** The OIDC tenants a service configures: "" for the default one, else each named tenant. */
    private static java.util.SortedSet<String> oidcTenants(ServiceConfiguration service) {
        java.util.SortedSet<String> tenants = new java.util.TreeSet<>();
        tenants.add("");
        java.util.regex.Pattern named = java.util.regex.Pattern.compile(
                "quarkus\\.oidc\\.([a-z0-9-]+)\\.(tenant-paths|application-type|auth-server-url|token\\..*)");
        for (String key : service.properties().keySet()) {
            Matcher m = named.matcher(key);
            if (m.matches() && !m.group(1).equals("token") && !m.group(1).equals("authentication")) {
                tenants.add(m.group(1));
            }
        }
        return tenants;
    }
}
