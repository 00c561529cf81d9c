package de.jobcenter.postfach.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The local Keycloak realm ({@value KeycloakServer#REALM_RESOURCE}) against what the services read from their
 * tokens: each service's {@code application.properties} names the audience it checks, the roles and the offices
 * claim; the realm must put exactly those into the tokens of the clients that call it, and carry the demo users the
 * README and the end-to-end suite log in with.
 */
class LocalRealmTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    private final JsonNode realm = realm();
    private final Properties mailboxApi = properties("mailbox-api");
    private final Properties configService = properties("config-service");
    private final Properties eakteAdapter = properties("eakte-adapter");

    @Test
    void realmIsPostfachAndEveryPlaceholderIsAClientSecretThatGetsFilledIn() {
        assertThat(realm.path("realm").asText()).isEqualTo(KeycloakServer.REALM);
        assertThat(KeycloakServer.placeholders())
                .containsExactlyInAnyOrder(
                        "POSTFACH_CONFIG_TOOL_CLIENT_SECRET",
                        "MAILBOX_API_CLIENT_SECRET",
                        "ROUTING_SERVICE_CLIENT_SECRET",
                        "EAKTE_ADAPTER_CLIENT_SECRET",
                        "OUTLOOK_ADAPTER_CLIENT_SECRET",
                        "SERVICECENTER_ADAPTER_CLIENT_SECRET",
                        "EAKTE_CLIENT_SECRET");

        String filled = KeycloakServer.realmJson(KeycloakServer.allPlaceholders("s3cret-value"));

        assertThat(filled).doesNotContain("${");
        assertThat(client(readJson(filled), "eakte").path("secret").asText()).isEqualTo("s3cret-value");
        assertThatThrownBy(() -> KeycloakServer.realmJson(Map.of("EAKTE_CLIENT_SECRET", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("POSTFACH_CONFIG_TOOL_CLIENT_SECRET");
    }

    @Test
    void portalTokensAreForMailboxApiWithTheCustomerClaimsItReadsAndAnAcrKeycloakDoesNotOverwrite() {
        JsonNode portal = client(realm, "postfach-portal");

        assertThat(portal.path("publicClient").asBoolean()).isTrue();
        assertThat(portal.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(portal.path("directAccessGrantsEnabled").asBoolean()).isTrue();
        assertThat(audiences(portal)).containsExactly(mailboxApi.getProperty("quarkus.oidc.token.audience"));
        assertThat(attributeClaims(portal))
                .containsEntry("acr", "acr")
                .containsEntry("customer_number", "customerNumber")
                .containsEntry("current_office", "currentOffice");
        // Keycloak's own "acr" scope would set acr from the login's level of assurance and hide the user's.
        assertThat(texts(portal.path("defaultClientScopes")))
                .contains("basic", "email")
                .doesNotContain("acr");
        assertThat(texts(portal.path("optionalClientScopes"))).doesNotContain("acr");
    }

    @Test
    void configToolLogsStaffInWithPkceAndPutsRolesAndOfficesWhereConfigServiceReadsThem() {
        JsonNode tool = client(realm, "postfach-config-tool");

        assertThat(tool.path("publicClient").asBoolean()).isFalse();
        assertThat(tool.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(tool.path("attributes").path("pkce.code.challenge.method").asText())
                .isEqualTo("S256");
        assertThat(texts(tool.path("redirectUris"))).containsExactly("http://localhost:8083/*");
        assertThat(audiences(tool)).containsExactly(configService.getProperty("quarkus.oidc.api.token.audience"));
        JsonNode offices = mapper(
                tool,
                "oidc-usermodel-attribute-mapper",
                configService.getProperty("postfach.config.security.offices-claim"));
        assertThat(offices.path("config").path("multivalued").asText()).isEqualTo("true");
        assertThat(offices.path("config").path("access.token.claim").asText()).isEqualTo("true");
        assertThat(groupsMapper(tool).path("config").path("access.token.claim").asText())
                .isEqualTo("true");
        assertThat(texts(tool.path("defaultClientScopes"))).doesNotContain("acr");
    }

    @Test
    void mailboxApisSnapshotClientReadsConfigServicesSnapshotWithTheSnapshotRole() {
        String clientId = mailboxApi.getProperty("postfach.office-config.snapshot.client-id");
        JsonNode client = client(realm, clientId);

        assertThat(client.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(client.path("publicClient").asBoolean()).isFalse();
        assertThat(audiences(client)).containsExactly(configService.getProperty("quarkus.oidc.api.token.audience"));
        groupsMapper(client);
        assertThat(serviceAccountRoles(clientId))
                .containsExactly(configService.getProperty("postfach.config.roles.snapshot-reader"));
        assertThat(mailboxApi.getProperty("postfach.office-config.snapshot.token-url"))
                .isEqualTo("http://localhost:8180/realms/postfach/protocol/openid-connect/token");
    }

    @Test
    void eakteCallsEakteAdapterWithItsAudienceAndTheEakteClientRole() {
        JsonNode eakte = client(realm, "eakte");

        assertThat(eakte.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(audiences(eakte)).containsExactly(eakteAdapter.getProperty("quarkus.oidc.token.audience"));
        groupsMapper(eakte);
        assertThat(serviceAccountRoles("eakte")).containsExactly("eakte-client");
    }

    @Test
    void everyRoleConfigServiceChecksIsARealmRole() {
        List<String> roles = new ArrayList<>();
        realm.path("roles")
                .path("realm")
                .forEach(role -> roles.add(role.path("name").asText()));

        assertThat(roles)
                .contains(
                        configService.getProperty("postfach.config.roles.editor"),
                        configService.getProperty("postfach.config.roles.reviewer"),
                        configService.getProperty("postfach.config.roles.central-admin"),
                        configService.getProperty("postfach.config.roles.snapshot-reader"),
                        "eakte-client");
    }

    @Test
    void demoUsersHaveThePasswordDemoAndTheLevelsRolesAndOfficesTheWalkthroughNeeds() {
        JsonNode customer = user("customer");
        assertThat(attribute(customer, "acr")).containsExactly("pin-letter-confirmed");
        assertThat(attribute(customer, "customerNumber")).containsExactly("123D456789");
        assertThat(customer.path("email").asText()).isEqualTo(LocalInfrastructure.DEMO_CUSTOMER_MAILBOX);
        assertThat(customer.path("emailVerified").asBoolean()).isTrue();
        assertThat(attribute(user("customer-basic"), "acr")).containsExactly("basic");

        assertStaff("editor-hamburg", "config-editor", "JC-HAMBURG-NORD");
        assertStaff("reviewer-hamburg", "config-reviewer", "JC-HAMBURG-NORD");
        assertStaff("editor-berlin", "config-editor", "JC-BERLIN-MITTE");
        assertStaff("reviewer-berlin", "config-reviewer", "JC-BERLIN-MITTE");
        assertThat(texts(user("central-admin").path("realmRoles"))).containsExactly("central-admin");

        for (String name : List.of(
                "customer",
                "customer-basic",
                "editor-hamburg",
                "reviewer-hamburg",
                "editor-berlin",
                "reviewer-berlin",
                "central-admin")) {
            JsonNode password = user(name).path("credentials").get(0);
            assertThat(password.path("type").asText()).as(name).isEqualTo("password");
            assertThat(password.path("value").asText()).as(name).isEqualTo(KeycloakServer.DEMO_PASSWORD);
            assertThat(password.path("temporary").asBoolean()).as(name).isFalse();
        }
    }

    @Test
    void acceptedLevelsOfMailboxApiIncludeTheCustomersAndNotTheBasicCustomers() {
        // MailboxConfig's default: pin-letter-confirmed,eid (the property is not overridden in application.properties).
        assertThat(mailboxApi.getProperty("postfach.security.accepted-acr")).isNull();
        assertThat(List.of("pin-letter-confirmed", "eid"))
                .contains(attribute(user("customer"), "acr").get(0))
                .doesNotContain(attribute(user("customer-basic"), "acr").get(0));
    }

    private void assertStaff(String username, String role, String office) {
        JsonNode user = user(username);
        assertThat(texts(user.path("realmRoles"))).as(username).containsExactly(role);
        assertThat(attribute(user, "offices")).as(username).containsExactly(office);
    }

    private JsonNode user(String username) {
        for (JsonNode user : realm.path("users")) {
            if (username.equals(user.path("username").asText())) {
                return user;
            }
        }
        throw new AssertionError("no user " + username + " in the local realm");
    }

    private List<String> serviceAccountRoles(String clientId) {
        for (JsonNode user : realm.path("users")) {
            if (clientId.equals(user.path("serviceAccountClientId").asText())) {
                return texts(user.path("realmRoles"));
            }
        }
        throw new AssertionError("no service account for " + clientId);
    }

    static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (clientId.equals(client.path("clientId").asText())) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId + " in the realm");
    }

    static List<String> audiences(JsonNode client) {
        List<String> audiences = new ArrayList<>();
        for (JsonNode mapper : client.path("protocolMappers")) {
            if ("oidc-audience-mapper".equals(mapper.path("protocolMapper").asText())
                    && "true"
                            .equals(mapper.path("config")
                                    .path("access.token.claim")
                                    .asText())) {
                audiences.add(
                        mapper.path("config").path("included.custom.audience").asText());
            }
        }
        return audiences;
    }

    private static Map<String, String> attributeClaims(JsonNode client) {
        Map<String, String> claims = new java.util.LinkedHashMap<>();
        for (JsonNode mapper : client.path("protocolMappers")) {
            if ("oidc-usermodel-attribute-mapper"
                            .equals(mapper.path("protocolMapper").asText())
                    && "true"
                            .equals(mapper.path("config")
                                    .path("access.token.claim")
                                    .asText())) {
                claims.put(
                        mapper.path("config").path("claim.name").asText(),
                        mapper.path("config").path("user.attribute").asText());
            }
        }
        return claims;
    }

    private static JsonNode groupsMapper(JsonNode client) {
        return mapper(client, "oidc-usermodel-realm-role-mapper", "groups");
    }

    private static JsonNode mapper(JsonNode client, String type, String claim) {
        Optional<JsonNode> found = Optional.empty();
        for (JsonNode mapper : client.path("protocolMappers")) {
            if (type.equals(mapper.path("protocolMapper").asText())
                    && claim.equals(mapper.path("config").path("claim.name").asText())) {
                found = Optional.of(mapper);
            }
        }
        return found.orElseThrow(
                () -> new AssertionError(client.path("clientId").asText() + " has no " + type + " for " + claim));
    }

    private static List<String> attribute(JsonNode user, String name) {
        return texts(user.path("attributes").path(name));
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static JsonNode realm() {
        return readJson(KeycloakServer.realmTemplate());
    }

    private static JsonNode readJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("the realm is not JSON", e);
        }
    }

    private static Properties properties(String module) {
        Path file = REPOSITORY.resolve(module).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
        return properties;
    }
}
