package de.jobcenter.postfach.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The custom resources of the operators we use, read strictly into small records: every field a record does not
 * declare is an error, so the records are the allow-list of fields per kind. A field the manifests need and that
 * the operator knows is added here deliberately, after checking the operator's CRD.
 */
final class CustomResources {

    static final String KAFKA_TOPIC = "KafkaTopic";
    static final String POSTGRES_CLUSTER = "Cluster";
    static final String REALM_IMPORT = "KeycloakRealmImport";

    /** apiVersion per custom kind: another version is as wrong as another kind. */
    static final Map<String, String> API_VERSIONS = Map.of(
            KAFKA_TOPIC, "kafka.strimzi.io/v1beta2",
            POSTGRES_CLUSTER, "postgresql.cnpg.io/v1",
            REALM_IMPORT, "k8s.keycloak.org/v2alpha1");

    /** Every topic-level setting of the Kafka version the services use (kafka-clients' TopicConfig). */
    static final Set<String> KAFKA_TOPIC_SETTINGS = Arrays.stream(TopicConfig.class.getFields())
            .filter(field ->
                    Modifier.isStatic(field.getModifiers()) && field.getName().endsWith("_CONFIG"))
            .map(field -> {
                try {
                    return (String) field.get(null);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            })
            .collect(Collectors.toUnmodifiableSet());

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** For the checks that read a spec: unknown fields are the schema check's business, not theirs. */
    private static final ObjectMapper LENIENT =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CustomResources() {}

    /** Reads what the record declares and ignores the rest; {@link #spec} is the strict reading. */
    static <T> T read(GenericKubernetesResource resource, Class<T> type) {
        Object spec = resource.getAdditionalProperties().get("spec");
        if (spec == null) {
            throw new InvalidResource("no spec");
        }
        try {
            return LENIENT.convertValue(spec, type);
        } catch (IllegalArgumentException e) {
            throw new InvalidResource(e.getMessage());
        }
    }

    /** Reads the resource's spec into the record of its kind; an {@link InvalidResource} names the bad field. */
    static <T> T spec(GenericKubernetesResource resource, Class<T> type) {
        Map<String, Object> rest = resource.getAdditionalProperties();
        Set<String> unexpected = rest.keySet().stream()
                .filter(key -> !key.equals("spec"))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!unexpected.isEmpty()) {
            throw new InvalidResource("unknown top-level field(s) " + unexpected);
        }
        if (rest.get("spec") == null) {
            throw new InvalidResource("no spec");
        }
        try {
            return STRICT.convertValue(rest.get("spec"), type);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonMappingException mapping) {
                String path = mapping.getPath().stream()
                        .map(reference -> reference.getFieldName() != null
                                ? "." + reference.getFieldName()
                                : "[" + reference.getIndex() + "]")
                        .collect(Collectors.joining());
                throw new InvalidResource("spec" + path + ": " + mapping.getOriginalMessage());
            }
            throw new InvalidResource(e.getMessage());
        }
    }

    /** A custom resource that does not fit its kind's allow-list. */
    static final class InvalidResource extends RuntimeException {
        InvalidResource(String message) {
            super(message);
        }
    }

    // ---- Strimzi -------------------------------------------------------------------------------------------

    record KafkaTopicSpec(String topicName, Integer partitions, Integer replicas, Map<String, Object> config) {
        String setting(String name) {
            Object value = config == null ? null : config.get(name);
            return value == null ? null : String.valueOf(value);
        }
    }

    // ---- CloudNativePG -------------------------------------------------------------------------------------

    record ClusterSpec(
            String description,
            Integer instances,
            String imageName,
            String primaryUpdateStrategy,
            Boolean enableSuperuserAccess,
            Bootstrap bootstrap,
            Storage storage,
            Resources resources,
            Postgresql postgresql) {}

    record Bootstrap(InitDb initdb) {}

    record InitDb(String database, String owner, SecretName secret) {}

    record SecretName(String name) {}

    record Storage(String size, String storageClass) {}

    record Resources(Map<String, String> requests, Map<String, String> limits) {}

    record Postgresql(Map<String, String> parameters) {}

    // ---- Keycloak ------------------------------------------------------------------------------------------

    record RealmImportSpec(String keycloakCRName, Map<String, Placeholder> placeholders, Realm realm) {}

    record Placeholder(SecretKey secret) {}

    record SecretKey(String name, String key) {}

    record Realm(
            String realm,
            String displayName,
            Boolean enabled,
            String sslRequired,
            Boolean registrationAllowed,
            Boolean resetPasswordAllowed,
            Boolean rememberMe,
            Boolean bruteForceProtected,
            Integer accessTokenLifespan,
            Integer ssoSessionIdleTimeout,
            Integer ssoSessionMaxLifespan,
            Map<String, String> attributes,
            Roles roles,
            Map<String, List<Component>> components,
            List<Client> clients,
            List<User> users) {

        List<Client> clientList() {
            return clients == null ? List.of() : clients;
        }

        List<User> userList() {
            return users == null ? List.of() : users;
        }
    }

    record Roles(List<Role> realm) {}

    record Role(String name, String description) {}

    record Component(String providerId, Map<String, Object> subComponents, Map<String, List<String>> config) {}

    record Client(
            String clientId,
            String name,
            Boolean enabled,
            String protocol,
            Boolean publicClient,
            String clientAuthenticatorType,
            String secret,
            Boolean standardFlowEnabled,
            Boolean implicitFlowEnabled,
            Boolean directAccessGrantsEnabled,
            Boolean serviceAccountsEnabled,
            Boolean frontchannelLogout,
            List<String> redirectUris,
            List<String> webOrigins,
            Map<String, String> attributes,
            List<String> defaultClientScopes,
            List<ProtocolMapper> protocolMappers) {

        List<ProtocolMapper> mappers() {
            return protocolMappers == null ? List.of() : protocolMappers;
        }

        /** The audiences its access tokens carry (oidc-audience-mapper). */
        Set<String> audiences() {
            return mappers().stream()
                    .filter(m -> "oidc-audience-mapper".equals(m.protocolMapper()))
                    .filter(m -> "true".equals(m.config().get("access.token.claim")))
                    .map(m -> m.config().get("included.custom.audience"))
                    .collect(Collectors.toSet());
        }
    }

    record ProtocolMapper(String name, String protocol, String protocolMapper, Map<String, String> config) {}

    record User(
            String username,
            Boolean enabled,
            String firstName,
            String lastName,
            String email,
            Boolean emailVerified,
            Map<String, List<String>> attributes,
            List<String> realmRoles,
            List<String> requiredActions,
            String serviceAccountClientId) {}
}
